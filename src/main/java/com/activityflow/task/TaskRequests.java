package com.activityflow.task;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The commands of the task API, as JSON bodies (snake_case). */
public final class TaskRequests {

  private TaskRequests() {}

  /**
   * A new task. {@code task_title} and {@code task_type} are required unless a
   * {@code template_code} supplies them; fields given here win over the template's.
   */
  public record CreateTask(
      @Size(max = 200, message = "task_title is at most 200 characters") String taskTitle,
      @Size(max = 20000, message = "task_description is at most 20000 characters") String taskDescription,
      TaskType taskType,
      TaskCategory category,
      TaskPriority priority,
      @Schema(description = "pending (default) or in_progress") TaskStatus status,
      @Min(value = 0, message = "completion_percentage is at least 0")
          @Max(value = 100, message = "completion_percentage is at most 100")
          Integer completionPercentage,
      UUID customerId,
      UUID contactId,
      @Schema(description = "explicit assignee: skips the assignment rules but not the capacity rule")
          UUID assignedToUserId,
      UUID parentTaskId,
      Instant startDate,
      Instant dueDate,
      @DecimalMin(value = "0", message = "estimated_hours cannot be negative")
          @DecimalMax(value = "99999999", message = "estimated_hours is too large")
          BigDecimal estimatedHours,
      @DecimalMin(value = "0", message = "actual_hours cannot be negative")
          @DecimalMax(value = "99999999", message = "actual_hours is too large")
          BigDecimal actualHours,
      Boolean isPublic,
      @Schema(description = "ask for approval even when the approval rules would not") Boolean requiresApproval,
      @Schema(description = "create from this template (GET /api/task-templates)")
          @Size(max = 20, message = "template_code is at most 20 characters")
          String templateCode,
      @Schema(description = "values for the template's {{placeholders}}")
          java.util.Map<String, @Size(max = 2000, message = "template values are at most 2000 characters") String>
              templateValues) {

    /** A task without a template. */
    public CreateTask(
        String taskTitle, String taskDescription, TaskType taskType, TaskCategory category, TaskPriority priority,
        TaskStatus status, Integer completionPercentage, UUID customerId, UUID contactId, UUID assignedToUserId,
        UUID parentTaskId, Instant startDate, Instant dueDate, BigDecimal estimatedHours, BigDecimal actualHours,
        Boolean isPublic, Boolean requiresApproval) {
      this(taskTitle, taskDescription, taskType, category, priority, status, completionPercentage, customerId, contactId,
          assignedToUserId, parentTaskId, startDate, dueDate, estimatedHours, actualHours, isPublic, requiresApproval,
          null, null);
    }
  }

  /** Changes to a task; fields left out stay as they are. {@code version} is required. */
  public record UpdateTask(
      @NotNull(message = "version is required (optimistic locking)") Long version,
      @Size(min = 1, max = 200, message = "task_title must have 1 to 200 characters") String taskTitle,
      @Size(max = 20000, message = "task_description is at most 20000 characters") String taskDescription,
      TaskType taskType,
      TaskCategory category,
      TaskPriority priority,
      TaskStatus status,
      @Min(value = 0, message = "completion_percentage is at least 0")
          @Max(value = 100, message = "completion_percentage is at most 100")
          Integer completionPercentage,
      UUID customerId,
      UUID contactId,
      Instant startDate,
      Instant dueDate,
      @DecimalMin(value = "0", message = "estimated_hours cannot be negative")
          @DecimalMax(value = "99999999", message = "estimated_hours is too large")
          BigDecimal estimatedHours,
      @DecimalMin(value = "0", message = "actual_hours cannot be negative")
          @DecimalMax(value = "99999999", message = "actual_hours is too large")
          BigDecimal actualHours,
      Boolean isPublic,
      @Schema(description = "why the status changes; required by statuses that ask for a comment")
          @Size(max = 10000, message = "status_comment is at most 10000 characters")
          String statusComment) {}

  public record AssignTask(
      @Schema(description = "the new assignee; null puts the task back into its team queue") UUID assignedToUserId,
      Long version) {}

  public record AddComment(
      @NotBlank(message = "comment_text is required") @Size(max = 10000, message = "comment_text is at most 10000 characters")
          String commentText,
      UUID parentCommentId,
      CommentType commentType,
      Boolean isInternal,
      Boolean isPinned) {}
}
