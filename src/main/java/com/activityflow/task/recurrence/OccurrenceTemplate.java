package com.activityflow.task.recurrence;

import com.activityflow.task.TaskCategory;
import com.activityflow.task.TaskPriority;
import com.activityflow.task.TaskRequests.CreateTask;
import com.activityflow.task.TaskType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The task fields every occurrence of a series gets; stored as JSON on the series. */
record OccurrenceTemplate(
    String taskTitle,
    String taskDescription,
    TaskType taskType,
    TaskCategory category,
    TaskPriority priority,
    UUID customerId,
    UUID contactId,
    UUID assignedToUserId,
    BigDecimal estimatedHours,
    Boolean isPublic,
    Boolean requiresApproval) {

  /** The task of the occurrence starting at {@code start}, due {@code dueAfter} later (if given). */
  CreateTask occurrence(Instant start, Duration dueAfter) {
    return new CreateTask(
        taskTitle,
        taskDescription,
        taskType,
        category,
        priority,
        null,
        null,
        customerId,
        contactId,
        assignedToUserId,
        null,
        start,
        dueAfter == null ? null : start.plus(dueAfter),
        estimatedHours,
        null,
        isPublic,
        requiresApproval);
  }
}
