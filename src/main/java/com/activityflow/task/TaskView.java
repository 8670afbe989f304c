package com.activityflow.task;

import com.activityflow.task.domain.Task;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A task as the API returns it (seed 000 section 3.1 plus assignment and escalation facts). */
public record TaskView(
    UUID id,
    UUID companyId,
    UUID customerId,
    UUID contactId,
    UUID assignedToUserId,
    String assignedTo,
    UUID createdByUserId,
    UUID updatedByUserId,
    UUID parentTaskId,
    String taskTitle,
    String taskDescription,
    TaskType taskType,
    TaskCategory category,
    TaskPriority priority,
    TaskStatus status,
    int completionPercentage,
    Instant dueDate,
    Instant startDate,
    Instant completedDate,
    BigDecimal estimatedHours,
    BigDecimal actualHours,
    boolean isRecurring,
    Map<String, Object> recurringPattern,
    boolean isPublic,
    boolean requiresApproval,
    ApprovalStatus approvalStatus,
    UUID approvedByUserId,
    Instant approvedDate,
    String approvalComment,
    UUID teamId,
    String candidateGroup,
    String assignmentReason,
    int escalationLevel,
    Instant escalatedAt,
    Instant createdAt,
    Instant updatedAt,
    long version,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> tags,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TaskLabels.Watcher> watchers,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TaskAttachments.AttachmentView> attachments,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<CommentView> comments,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TaskView> subtasks) {

  static TaskView of(Task t, String assigneeName, List<CommentView> comments, List<TaskView> subtasks) {
    return of(t, assigneeName, null, null, null, comments, subtasks);
  }

  static TaskView of(
      Task t, String assigneeName, List<String> tags, List<TaskLabels.Watcher> watchers,
      List<TaskAttachments.AttachmentView> attachments, List<CommentView> comments, List<TaskView> subtasks) {
    return new TaskView(
        t.getId(),
        t.getCompanyId(),
        t.getCustomerId(),
        t.getContactId(),
        t.getAssignedToUserId(),
        assigneeName,
        t.getCreatedByUserId(),
        t.getUpdatedByUserId(),
        t.getParentTaskId(),
        t.getTaskTitle(),
        t.getTaskDescription(),
        t.getTaskType(),
        t.getCategory(),
        t.getPriority(),
        t.getStatus(),
        t.getCompletionPercentage(),
        t.getDueDate(),
        t.getStartDate(),
        t.getCompletedDate(),
        t.getEstimatedHours(),
        t.getActualHours(),
        t.isRecurring(),
        t.getRecurringPattern(),
        t.isPublicTask(),
        t.isRequiresApproval(),
        t.getApprovalStatus(),
        t.getApprovedByUserId(),
        t.getApprovedDate(),
        t.getApprovalComment(),
        t.getTeamId(),
        t.getCandidateGroup(),
        t.getAssignmentReason(),
        t.getEscalationLevel(),
        t.getEscalatedAt(),
        t.getCreatedAt(),
        t.getUpdatedAt(),
        t.getVersion(),
        tags,
        watchers,
        attachments,
        comments,
        subtasks);
  }

  /** A comment with its replies. */
  public record CommentView(
      UUID id,
      UUID taskId,
      UUID userId,
      String author,
      UUID parentCommentId,
      String commentText,
      CommentType commentType,
      boolean isInternal,
      boolean isPinned,
      Instant createdAt,
      List<CommentView> replies) {}

  /** One page of a list with the total count. */
  public record Page<T>(List<T> items, int page, int pageSize, long totalCount, int totalPages) {}
}
