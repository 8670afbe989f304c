package com.activityflow.task;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.notification.NotificationModelProvider;
import com.activityflow.task.domain.Task;
import com.activityflow.task.domain.TaskRepository;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What task notification mails may say about a task, read when the mail is sent. */
@Component
class TaskNotificationModel implements NotificationModelProvider {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final TaskRepository tasks;
  private final DirectoryService directory;

  TaskNotificationModel(TaskRepository tasks, DirectoryService directory) {
    this.tasks = tasks;
    this.directory = directory;
  }

  @Override
  @Transactional(readOnly = true)
  public Map<String, String> model(UUID subjectId) {
    Map<String, String> model = new HashMap<>();
    tasks
        .findById(subjectId)
        .ifPresent(
            (Task t) -> {
              model.put("task_id", t.getId().toString());
              model.put("task_title", t.getTaskTitle());
              model.put("task_type", t.getTaskType().code());
              model.put("priority", t.getPriority().code());
              model.put("status", t.getStatus().code());
              model.put("completion_percentage", Integer.toString(t.getCompletionPercentage()));
              model.put("due_date", t.getDueDate() == null ? "no due date" : DATE.format(t.getDueDate()));
              model.put("estimated_hours", t.getEstimatedHours() == null ? "-" : t.getEstimatedHours().toPlainString());
              model.put("assignment_reason", t.getAssignmentReason() == null ? "" : t.getAssignmentReason());
              model.put("assigned_to", name(t.getAssignedToUserId(), "nobody (team queue)"));
              model.put("created_by", name(t.getCreatedByUserId(), "-"));
              model.put("approval_status", t.getApprovalStatus() == null ? "" : t.getApprovalStatus().code());
              model.put("approved_by", name(t.getApprovedByUserId(), "-"));
              model.put("approval_comment", t.getApprovalComment() == null ? "-" : t.getApprovalComment());
              model.put("escalation_level", Integer.toString(t.getEscalationLevel()));
            });
    return model;
  }

  private String name(UUID userId, String fallback) {
    return userId == null ? fallback : directory.findUser(userId).map(DirectoryUser::displayName).orElse(fallback);
  }
}
