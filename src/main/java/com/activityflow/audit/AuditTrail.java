package com.activityflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes and reads the append-only audit trail. Entries join the caller's transaction.
 *
 * <p>The trail cannot be rewritten (database triggers), so it must not hold what a GDPR erasure
 * has to remove: it keeps ids, codes and structured values, and free-text fields (subjects,
 * titles, descriptions, bodies) only as their length. The full text history lives in the
 * owning module's tables, which erasure can anonymise.
 */
@Service
public class AuditTrail {

  /** Fields whose values are free text that may name a person: recorded as their length only. */
  static final java.util.Set<String> FREE_TEXT_FIELDS = java.util.Set.of(
      "subject", "content", "summary", "transcription", "task_title", "task_description", "comment_text",
      "approval_comment", "first_name", "last_name", "emails", "phones", "from_address", "to_addresses", "cc_addresses",
      "from_number", "to_number", "file_name");

  /** One changed field. */
  public record FieldChange(String field, String oldValue, String newValue) {}

  /** What happened; who and where are taken from the request. */
  public record Entry(
      UUID id, Instant occurredAt, UUID companyId, UUID actorUserId, String actorUsername, String action,
      String entityType, String entityId, List<FieldChange> changes, String reason, String requestId, String ip) {}

  /** Filters of the admin's audit query. */
  public record Query(
      String entityType, String entityId, String actor, String action, Instant from, Instant to, int page, int pageSize) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  AuditTrail(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  public void record(
      UUID companyId, UUID actorUserId, String actorUsername, String action, String entityType, String entityId,
      List<FieldChange> changes, String reason) {
    if (actorUsername == null && actorUserId != null) {
      actorUsername = jdbc.query("select username from users where id = :id", new MapSqlParameterSource("id", actorUserId),
          (rs, i) -> rs.getString(1)).stream().findFirst().orElse(null);
    }
    try {
      jdbc.update(
          "insert into audit_log (id, occurred_at, company_id, actor_user_id, actor_username, action, entity_type,"
              + " entity_id, changes, reason, request_id, ip) values (:id, :at, :company, :actor, :username, :action,"
              + " :type, :entity, cast(:changes as jsonb), :reason, :request, :ip)",
          new MapSqlParameterSource("id", UUID.randomUUID())
              .addValue("at", Timestamp.from(clock.instant()))
              .addValue("company", companyId)
              .addValue("actor", actorUserId)
              .addValue("username", actorUsername)
              .addValue("action", action)
              .addValue("type", entityType)
              .addValue("entity", entityId)
              .addValue("changes", json.writeValueAsString(changes == null ? List.of() : changes.stream().map(AuditTrail::withoutFreeText).toList()))
              .addValue("reason", reason)
              .addValue("request", RequestContext.requestId())
              .addValue("ip", RequestContext.clientIp()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FieldChange withoutFreeText(FieldChange change) {
    if (!FREE_TEXT_FIELDS.contains(change.field())) {
      return change;
    }
    return new FieldChange(change.field(), length(change.oldValue()), length(change.newValue()));
  }

  private static String length(String value) {
    if (value == null || value.matches("\\(\\d+ characters\\)")) {
      return value;
    }
    return "(" + value.length() + " characters)";
  }

  /** The entries of the company about these entities (a contact's personal data export). */
  public List<Entry> about(UUID companyId, String entityType, java.util.Collection<String> entityIds) {
    if (entityIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query("select * from audit_log where company_id = :company and entity_type = :type and entity_id in (:ids)"
            + " order by occurred_at, id",
        new MapSqlParameterSource("company", companyId).addValue("type", entityType).addValue("ids", entityIds), this::entry);
  }

  private Entry entry(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Entry(
        rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(), rs.getObject("company_id", UUID.class),
        rs.getObject("actor_user_id", UUID.class), rs.getString("actor_username"), rs.getString("action"),
        rs.getString("entity_type"), rs.getString("entity_id"), changes(rs.getString("changes")), rs.getString("reason"),
        rs.getString("request_id"), rs.getString("ip"));
  }

  public List<Entry> find(UUID companyId, Query q) {
    StringBuilder sql = new StringBuilder("select * from audit_log where company_id = :company");
    MapSqlParameterSource params = new MapSqlParameterSource("company", companyId);
    if (q.entityType() != null) { sql.append(" and entity_type = :type"); params.addValue("type", q.entityType()); }
    if (q.entityId() != null) { sql.append(" and entity_id = :entity"); params.addValue("entity", q.entityId()); }
    if (q.actor() != null) { sql.append(" and actor_username = :actor"); params.addValue("actor", q.actor()); }
    if (q.action() != null) { sql.append(" and action = :action"); params.addValue("action", q.action()); }
    if (q.from() != null) { sql.append(" and occurred_at >= :from"); params.addValue("from", Timestamp.from(q.from())); }
    if (q.to() != null) { sql.append(" and occurred_at < :to"); params.addValue("to", Timestamp.from(q.to())); }
    sql.append(" order by occurred_at desc, id limit :limit offset :offset");
    params.addValue("limit", q.pageSize()).addValue("offset", (long) (q.page() - 1) * q.pageSize());
    return jdbc.query(sql.toString(), params, this::entry);
  }

  private List<FieldChange> changes(String text) {
    try {
      return new ArrayList<>(List.of(json.readValue(text, FieldChange[].class)));
    } catch (JsonProcessingException e) {
      return List.of(new FieldChange("unreadable", null, text));
    }
  }

  public static List<FieldChange> diff(Map<String, String> before, Map<String, String> after) {
    List<FieldChange> changes = new ArrayList<>();
    after.forEach((field, value) -> {
      String old = before.get(field);
      if (!java.util.Objects.equals(old, value)) {
        changes.add(new FieldChange(field, old, value));
      }
    });
    return changes;
  }
}
