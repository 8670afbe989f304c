package com.activityflow.task;

import com.activityflow.platform.data.JsonRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tasks of one contact (tasks carry {@code contact_id}) for the communication module's GDPR
 * export and erasure. Callers check who may; this only reads and scrubs within the company.
 */
@Service
@Transactional
public class ContactTaskData {

  /** What an erasure replaces a person's names, addresses and numbers with. */
  public static final String ERASED = "[erased]";

  /** A contact's tasks with their comments and change history. */
  public record Export(List<Map<String, Object>> tasks, List<Map<String, Object>> comments, List<Map<String, Object>> changes) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final JsonRows rows;
  private final Clock clock;

  ContactTaskData(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.rows = new JsonRows(json, "search_vector");
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Export export(UUID companyId, UUID contactId) {
    MapSqlParameterSource params = params(companyId, contactId);
    return new Export(
        jdbc.query("select * from tasks where company_id = :company and contact_id = :contact order by created_at, id", params, rows),
        jdbc.query("select c.* from task_comments c join tasks t on t.id = c.task_id where t.company_id = :company"
            + " and t.contact_id = :contact order by c.created_at, c.id", params, rows),
        jdbc.query("select h.* from task_changes h join tasks t on t.id = h.task_id where t.company_id = :company"
            + " and t.contact_id = :contact order by h.changed_at, h.id", params, rows));
  }

  /**
   * Replaces every mention of the person (its names, addresses, numbers: {@code terms}) in the free
   * text of its tasks, their comments and their change history; the tasks themselves stay, so
   * workload and completion statistics keep their counts. Returns how many tasks were scrubbed.
   */
  public int eraseMentions(UUID companyId, UUID contactId, Collection<String> terms) {
    List<UUID> taskIds = jdbc.queryForList("select id from tasks where company_id = :company and contact_id = :contact",
        params(companyId, contactId), UUID.class);
    List<String> needles = terms.stream().filter(t -> t != null && t.strip().length() >= 2).map(String::strip).distinct()
        // longest first, so that "jane.doe@x.example" goes whole before "Jane" could match inside it
        .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
    if (taskIds.isEmpty() || needles.isEmpty()) {
      return taskIds.size();
    }
    String pattern = needles.stream().map(Pattern::quote).reduce((a, b) -> a + "|" + b).orElseThrow();
    // whole words only: erasing "Al" must not turn "Also" into "[erased]so"
    Pattern mention = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + pattern + ")(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    MapSqlParameterSource ids = new MapSqlParameterSource("ids", taskIds).addValue("now", java.sql.Timestamp.from(clock.instant()));
    for (Map<String, Object> task : jdbc.queryForList(
        "select id, task_title, task_description, approval_comment, assignment_reason from tasks where id in (:ids)", ids)) {
      jdbc.update("update tasks set task_title = :title, task_description = :description, approval_comment = :approval,"
              + " assignment_reason = :reason, updated_at = :now, version = version + 1 where id = :id",
          new MapSqlParameterSource("id", task.get("id")).addValue("now", ids.getValue("now"))
              .addValue("title", truncate(scrub(mention, task.get("task_title")), 200))
              .addValue("description", scrub(mention, task.get("task_description")))
              .addValue("approval", scrub(mention, task.get("approval_comment")))
              .addValue("reason", scrub(mention, task.get("assignment_reason"))));
    }
    for (Map<String, Object> comment : jdbc.queryForList("select id, comment_text from task_comments where task_id in (:ids)", ids)) {
      jdbc.update("update task_comments set comment_text = :text where id = :id",
          new MapSqlParameterSource("id", comment.get("id")).addValue("text", scrub(mention, comment.get("comment_text"))));
    }
    for (Map<String, Object> change : jdbc.queryForList("select id, old_value, new_value from task_changes where task_id in (:ids)", ids)) {
      jdbc.update("update task_changes set old_value = :old, new_value = :new where id = :id",
          new MapSqlParameterSource("id", change.get("id")).addValue("old", scrub(mention, change.get("old_value")))
              .addValue("new", scrub(mention, change.get("new_value"))));
    }
    return taskIds.size();
  }

  private static String scrub(Pattern mention, Object text) {
    return text == null ? null : mention.matcher(text.toString()).replaceAll(java.util.regex.Matcher.quoteReplacement(ERASED));
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private static MapSqlParameterSource params(UUID companyId, UUID contactId) {
    return new MapSqlParameterSource("company", companyId).addValue("contact", contactId);
  }
}
