package com.activityflow.task;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something happened to a task (seed 000 section 9.3). Published synchronously inside the
 * transaction that made the change, so a listener that records it (an outbox) commits or rolls
 * back with the change itself.
 *
 * @param type {@code task.created}, {@code task.assigned}, {@code task.status_changed} or
 *     {@code task.comment_added}
 * @param actorUserId who made the change; null when the process did (timers, rules)
 * @param data small facts of the change (e.g. old and new status, the assignee, the comment id)
 */
public record TaskEvent(
    String type, UUID taskId, UUID companyId, UUID actorUserId, Instant occurredAt, Map<String, Object> data) {

  public static final String CREATED = "task.created";
  public static final String ASSIGNED = "task.assigned";
  public static final String STATUS_CHANGED = "task.status_changed";
  public static final String COMMENT_ADDED = "task.comment_added";
}
