package com.activityflow.task.recurrence;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;

/** Small factories and look-ups for series tests: request bodies, the timer job, occurrences. */
final class SeriesFixtures {

  private SeriesFixtures() {}

  /** A series body: a follow-up every time the rule says, due a day later. */
  static Map<String, Object> series(String rrule, String dtstart, String timeZone) {
    Map<String, Object> body = new HashMap<>();
    body.put("task_title", "Weekly pipeline review");
    body.put("task_type", "follow_up");
    body.put("priority", "normal");
    body.put("estimated_hours", 1);
    body.put("due_after", "P1D");
    body.put("rrule", rrule);
    body.put("dtstart", dtstart);
    body.put("time_zone", timeZone);
    return body;
  }

  /** One occurrence task as stored. */
  record Occurrence(UUID id, Instant start, Instant due, boolean recurring, String title, String occurrence) {}

  static List<Occurrence> occurrences(JdbcTemplate jdbc, UUID seriesId) {
    return jdbc.query(
        "select id, start_date, due_date, is_recurring, task_title, recurring_pattern->>'occurrence' as occurrence"
            + " from tasks where recurring_pattern->>'series_id' = ? order by start_date",
        (rs, i) ->
            new Occurrence(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("start_date").toInstant(),
                rs.getTimestamp("due_date") == null ? null : rs.getTimestamp("due_date").toInstant(),
                rs.getBoolean("is_recurring"),
                rs.getString("task_title"),
                rs.getString("occurrence")),
        seriesId.toString());
  }

  /** The series' waiting timer job, if any (the job executor is off in tests). */
  static Job timer(ManagementService management, TaskRecurrenceProcess process, UUID seriesId) {
    return process
        .instance(seriesId)
        .map(pi -> management.createJobQuery().processInstanceId(pi.getId()).timers().singleResult())
        .orElse(null);
  }

  /** Runs the series' timer job as the job executor would when it is due; returns its due instant. */
  static Instant runTimer(ManagementService management, TaskRecurrenceProcess process, UUID seriesId) {
    Job job = timer(management, process, seriesId);
    if (job == null) {
      throw new AssertionError("series " + seriesId + " has no waiting timer");
    }
    management.executeJob(job.getId());
    return job.getDuedate().toInstant();
  }
}
