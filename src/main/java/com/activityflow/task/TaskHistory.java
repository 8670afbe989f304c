package com.activityflow.task;

import com.activityflow.audit.AuditTrail;
import com.activityflow.task.domain.Task;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Who changed which field of a task from what to what, and when (T7). */
@Component
public class TaskHistory {

  /** One changed field. {@code changedBy} is null for changes made by the process (rules, timers). */
  public record Change(Instant changedAt, UUID changedBy, String changedByUsername, String field, String oldValue, String newValue) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AuditTrail audit;

  TaskHistory(JdbcTemplate jdbc, Clock clock, AuditTrail audit) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.audit = audit;
  }

  /** The tracked fields of a task, as text, in a stable order. */
  static Map<String, String> snapshot(Task t) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("task_title", t.getTaskTitle());
    s.put("task_description", t.getTaskDescription());
    s.put("task_type", text(t.getTaskType()));
    s.put("category", text(t.getCategory()));
    s.put("priority", text(t.getPriority()));
    s.put("status", text(t.getStatus()));
    s.put("completion_percentage", Integer.toString(t.getCompletionPercentage()));
    s.put("assigned_to_user_id", text(t.getAssignedToUserId()));
    s.put("customer_id", text(t.getCustomerId()));
    s.put("contact_id", text(t.getContactId()));
    s.put("start_date", text(t.getStartDate()));
    s.put("due_date", text(t.getDueDate()));
    s.put("estimated_hours", t.getEstimatedHours() == null ? null : t.getEstimatedHours().stripTrailingZeros().toPlainString());
    s.put("actual_hours", t.getActualHours() == null ? null : t.getActualHours().stripTrailingZeros().toPlainString());
    s.put("is_public", Boolean.toString(t.isPublicTask()));
    s.put("approval_status", text(t.getApprovalStatus()));
    s.put("escalation_level", Integer.toString(t.getEscalationLevel()));
    return s;
  }

  /** Records every field that differs between the two snapshots. */
  void recordDiff(Task task, UUID actor, Map<String, String> before, Map<String, String> after) {
    Instant now = clock.instant();
    List<AuditTrail.FieldChange> changes = AuditTrail.diff(before, after);
    changes.forEach(c -> insert(task, actor, now, c.field(), c.oldValue(), c.newValue()));
    if (!changes.isEmpty()) {
      boolean transition = changes.stream().anyMatch(c -> c.field().equals("status"));
      boolean assignment = changes.stream().anyMatch(c -> c.field().equals("assigned_to_user_id"));
      String action = transition ? "transition" : assignment ? "assign" : "update";
      audit.record(task.getCompanyId(), actor, null, action, "task", task.getId().toString(), changes, null);
    }
  }

  void recordCreation(Task task, UUID actor) {
    insert(task, actor, clock.instant(), "created", null, task.getTaskTitle());
    audit.record(task.getCompanyId(), actor, null, "create", "task", task.getId().toString(),
        AuditTrail.diff(Map.of(), snapshot(task)), null);
  }

  void recordDeletion(Task task, UUID actor, String reason) {
    insert(task, actor, clock.instant(), "deleted", null, "true");
    audit.record(task.getCompanyId(), actor, null, "delete", "task", task.getId().toString(), List.of(), reason);
  }

  public List<Change> of(UUID taskId) {
    return jdbc.query(
        "select c.changed_at, c.user_id, u.username, c.field, c.old_value, c.new_value from task_changes c"
            + " left join users u on u.id = c.user_id where c.task_id = ? order by c.changed_at, c.field",
        (rs, i) -> new Change(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
        taskId);
  }

  private void insert(Task task, UUID actor, Instant at, String field, String old, String value) {
    jdbc.update(
        "insert into task_changes (id, task_id, company_id, user_id, changed_at, field, old_value, new_value) values (?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID(), task.getId(), task.getCompanyId(), actor, Timestamp.from(at), field, old, value);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
