package com.activityflow.modeling;

import com.activityflow.audit.AuditTrail;
import com.activityflow.directory.DirectoryService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Append-only record of deployments, refusals and migrations (the table refuses updates and
 * deletes). When a directory user did it (the admin API), it is also written to the audit trail
 * of that user's company, so the admin's audit query shows it with request id and address.
 */
public class ModelDeploymentAudit {

  /** One audit entry as the admin API shows it. */
  public record Entry(
      UUID id, Instant occurredAt, String actor, String source, String outcome, String deploymentId,
      Object files, Object versions, Object problems) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final AuditTrail audit;
  private final DirectoryService directory;

  public ModelDeploymentAudit(JdbcTemplate jdbc, ObjectMapper json, AuditTrail audit, DirectoryService directory) {
    this.jdbc = jdbc;
    this.json = json;
    this.audit = audit;
    this.directory = directory;
  }

  void deployed(String actor, String source, String deploymentId, List<String> files, Map<String, Integer> versions) {
    insert(actor, source, "deployed", deploymentId, files, versions, List.of());
  }

  void unchanged(String actor, String source, List<String> files) {
    insert(actor, source, "unchanged", null, files, Map.of(), List.of());
  }

  void refused(String actor, String source, List<String> files, List<ModelProblem> problems) {
    insert(actor, source, "refused", null, files, Map.of(), problems.stream().map(ModelProblem::toString).toList());
  }

  void migrated(String actor, String processKey, Map<String, Integer> versions, List<String> instances) {
    insert(actor, "migration:" + processKey, "migrated", null, instances, versions, List.of());
  }

  public List<Entry> latest(int limit) {
    return jdbc.query(
        "select * from model_deployments order by occurred_at desc limit ?",
        (rs, i) ->
            new Entry(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                rs.getString("source"),
                rs.getString("outcome"),
                rs.getString("deployment_id"),
                read(rs.getString("files")),
                read(rs.getString("versions")),
                read(rs.getString("problems"))),
        limit);
  }

  private void insert(
      String actor, String source, String outcome, String deploymentId, Object files, Object versions, Object problems) {
    directory.findUser(actor).ifPresent(user -> audit.record(
        user.companyId(), user.id(), user.username(), outcome.equals("migrated") ? "migrate" : "deploy", "model_deployment",
        deploymentId == null ? source : deploymentId,
        List.of(new AuditTrail.FieldChange("files", null, write(files)), new AuditTrail.FieldChange("versions", null, write(versions))),
        outcome.equals("refused") ? "refused: " + write(problems) : outcome));
    jdbc.update(
        "insert into model_deployments (id, actor, source, outcome, deployment_id, files, versions, problems)"
            + " values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)",
        UUID.randomUUID(),
        actor,
        source,
        outcome,
        deploymentId,
        write(files),
        write(versions),
        write(problems));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object read(String value) {
    try {
      return json.readValue(value, Object.class);
    } catch (JsonProcessingException e) {
      return value;
    }
  }
}
