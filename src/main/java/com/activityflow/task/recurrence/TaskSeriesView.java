package com.activityflow.task.recurrence;

import com.activityflow.task.TaskCategory;
import com.activityflow.task.TaskPriority;
import com.activityflow.task.TaskType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A series as the API returns it; {@code next} lists its upcoming occurrence instants (UTC),
 * {@code due_after} is an ISO 8601 duration.
 */
public record TaskSeriesView(
    UUID id,
    UUID companyId,
    UUID createdByUserId,
    UUID updatedByUserId,
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
    Boolean requiresApproval,
    String dueAfter,
    String rrule,
    LocalDateTime dtstart,
    String timeZone,
    SeriesStatus status,
    int occurrencesCreated,
    Instant lastOccurrenceAt,
    List<Instant> next,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  static TaskSeriesView of(TaskSeries s, OccurrenceTemplate t, List<Instant> next) {
    return new TaskSeriesView(
        s.getId(),
        s.getCompanyId(),
        s.getCreatedByUserId(),
        s.getUpdatedByUserId(),
        t.taskTitle(),
        t.taskDescription(),
        t.taskType(),
        t.category(),
        t.priority(),
        t.customerId(),
        t.contactId(),
        t.assignedToUserId(),
        t.estimatedHours(),
        t.isPublic(),
        t.requiresApproval(),
        s.getDueAfter(),
        s.getRrule(),
        s.getDtstart(),
        s.getTimeZone(),
        s.getStatus(),
        s.getOccurrencesCreated(),
        s.getLastOccurrenceAt(),
        next,
        s.getCreatedAt(),
        s.getUpdatedAt(),
        s.getVersion() == null ? 0 : s.getVersion());
  }
}
