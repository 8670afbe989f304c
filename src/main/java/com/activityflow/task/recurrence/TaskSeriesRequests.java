package com.activityflow.task.recurrence;

import com.activityflow.task.TaskCategory;
import com.activityflow.task.TaskPriority;
import com.activityflow.task.TaskType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

/** The commands of the task-series API, as JSON bodies (snake_case). */
public final class TaskSeriesRequests {

  private TaskSeriesRequests() {}

  /** A recurring series: the task fields of each occurrence plus the rule. */
  public record CreateSeries(
      @NotBlank(message = "task_title is required") @Size(max = 200, message = "task_title is at most 200 characters")
          String taskTitle,
      @Size(max = 20000, message = "task_description is at most 20000 characters") String taskDescription,
      @NotNull(message = "task_type is required") TaskType taskType,
      TaskCategory category,
      TaskPriority priority,
      UUID customerId,
      UUID contactId,
      @Schema(description = "explicit assignee of every occurrence") UUID assignedToUserId,
      @DecimalMin(value = "0", message = "estimated_hours cannot be negative")
          @DecimalMax(value = "99999999", message = "estimated_hours is too large")
          BigDecimal estimatedHours,
      Boolean isPublic,
      Boolean requiresApproval,
      @Schema(description = "ISO 8601 duration: each occurrence's due date = its start + due_after (e.g. P1D, PT4H)")
          Duration dueAfter,
      @NotBlank(message = "rrule is required")
          @Size(max = 1000, message = "rrule is at most 1000 characters")
          @Schema(description = "RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=2TU", example = "FREQ=WEEKLY;BYDAY=MO,WE,FR")
          String rrule,
      @NotNull(message = "dtstart is required")
          @Schema(description = "local date-time of the first occurrence, in time_zone", example = "2030-01-07T09:00:00")
          LocalDateTime dtstart,
      @NotBlank(message = "time_zone is required")
          @Size(max = 100, message = "time_zone is at most 100 characters")
          @Schema(description = "IANA time zone id", example = "Europe/Berlin")
          String timeZone) {}

  /** Changes to a series; fields left out stay. {@code version} is required. */
  public record UpdateSeries(
      @NotNull(message = "version is required (optimistic locking)") Long version,
      @Size(min = 1, max = 200, message = "task_title must have 1 to 200 characters") String taskTitle,
      @Size(max = 20000, message = "task_description is at most 20000 characters") String taskDescription,
      TaskType taskType,
      TaskCategory category,
      TaskPriority priority,
      UUID customerId,
      UUID contactId,
      UUID assignedToUserId,
      @DecimalMin(value = "0", message = "estimated_hours cannot be negative")
          @DecimalMax(value = "99999999", message = "estimated_hours is too large")
          BigDecimal estimatedHours,
      Boolean isPublic,
      Boolean requiresApproval,
      Duration dueAfter,
      @Size(min = 1, max = 1000, message = "rrule must have 1 to 1000 characters") String rrule,
      LocalDateTime dtstart,
      @Size(max = 100, message = "time_zone is at most 100 characters") String timeZone) {}
}
