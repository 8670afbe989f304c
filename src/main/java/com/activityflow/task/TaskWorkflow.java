package com.activityflow.task;

import com.activityflow.assignment.AssignmentOutcome;
import com.activityflow.assignment.AssignmentService;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.TeamInfo;
import com.activityflow.notification.NotificationService;
import com.activityflow.notification.NotificationType;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.task.domain.Task;
import com.activityflow.task.domain.TaskRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of the {@code task-lifecycle} process as plain services: the delegates only read and
 * write variables and call these, so the rules run (and are testable) without the engine.
 */
@Service
@Transactional
public class TaskWorkflow {

  /** When the reminder and the escalation fall due; both null without a due date. */
  public record Deadlines(Instant reminderAt, Instant escalateAt) {
    public boolean scheduled() {
      return reminderAt != null;
    }
  }

  private final TaskRepository tasks;
  private final AssignmentService assignment;
  private final DirectoryService directory;
  private final NotificationService notifications;
  private final CompletionPolicy completionPolicy;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final TaskHistory history;

  TaskWorkflow(
      TaskRepository tasks,
      AssignmentService assignment,
      DirectoryService directory,
      NotificationService notifications,
      CompletionPolicy completionPolicy,
      Clock clock,
      ApplicationEventPublisher events,
      TaskHistory history) {
    this.tasks = tasks;
    this.assignment = assignment;
    this.directory = directory;
    this.notifications = notifications;
    this.completionPolicy = completionPolicy;
    this.clock = clock;
    this.events = events;
    this.history = history;
  }

  private void publish(String type, Task task, UUID actor, java.util.Map<String, Object> data) {
    events.publishEvent(new TaskEvent(type, task.getId(), task.getCompanyId(), actor, clock.instant(), data));
  }

  public AssignmentOutcome assignByRules(UUID taskId, String team, String requiredSkill, String strategy) {
    Task task = load(taskId);
    java.util.Map<String, String> before = TaskHistory.snapshot(task);
    AssignmentOutcome outcome = assignment.pick(task.getCompanyId(), team, requiredSkill, strategy);
    task.assignTo(outcome.userId(), outcome.teamId(), outcome.candidateGroup(), outcome.reason());
    history.recordDiff(task, null, before, TaskHistory.snapshot(task));
    publish(TaskEvent.ASSIGNED, task, null, TaskManager.assignmentData(task));
    return outcome;
  }

  public AssignmentOutcome assignRequestedUser(UUID taskId) {
    Task task = load(taskId);
    AssignmentOutcome outcome = assignment.assignExplicitly(task.getCompanyId(), task.getAssignedToUserId(), taskId);
    task.assignTo(outcome.userId(), outcome.teamId(), outcome.candidateGroup(), outcome.reason());
    publish(TaskEvent.ASSIGNED, task, null, TaskManager.assignmentData(task));
    return outcome;
  }

  /** The assignee hears of its task; a queued task is announced to the team lead. */
  public void notifyAssignment(UUID taskId) {
    Task task = load(taskId);
    if (task.getAssignedToUserId() != null) {
      notifications.queue(NotificationType.TASK_ASSIGNED, taskId, task.getAssignedToUserId());
    } else {
      notifications.queue(NotificationType.TASK_QUEUED, taskId, teamLead(task).orElse(null));
    }
  }

  public void requestApproval(UUID taskId, String approverGroup) {
    Task task = load(taskId);
    task.requestApproval();
    List<UUID> approvers =
        directory.groupMembers(task.getCompanyId(), approverGroup).stream().map(DirectoryUser::id).toList();
    notifications.queueAll(NotificationType.APPROVAL_REQUESTED, taskId, approvers);
  }

  public void decideApproval(UUID taskId, boolean approved, String approverUsername, String comment) {
    Task task = load(taskId);
    java.util.Map<String, String> before = TaskHistory.snapshot(task);
    UUID approverId = directory.findUser(approverUsername).map(DirectoryUser::id).orElse(null);
    task.recordApproval(approved ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED, approverId, comment, clock.instant());
    if (!approved) {
      TaskStatus old = task.getStatus();
      task.changeStatus(TaskStatus.REJECTED, null, clock.instant());
      publish(TaskEvent.STATUS_CHANGED, task, approverId, java.util.Map.of("old_status", old.code(), "new_status", "rejected"));
    }
    task.touch(approverId, clock.instant());
    history.recordDiff(task, approverId, before, TaskHistory.snapshot(task));
    notifications.queue(NotificationType.APPROVAL_DECIDED, taskId, task.getCreatedByUserId());
  }

  /**
   * The work user task was completed (Tasklist or API): the task record follows, unless the
   * rules forbid completing it (open sub-tasks), which refuses the whole completion.
   */
  public void markCompleted(UUID taskId, String completedByUsername) {
    Task task = load(taskId);
    if (task.getStatus() != TaskStatus.COMPLETED) {
      completionPolicy.check(task);
      java.util.Map<String, String> before = TaskHistory.snapshot(task);
      TaskStatus old = task.getStatus();
      task.changeStatus(TaskStatus.COMPLETED, null, clock.instant());
      UUID userId = completedByUsername == null ? null : directory.findUser(completedByUsername).map(DirectoryUser::id).orElse(null);
      task.touch(userId, clock.instant());
      history.recordDiff(task, userId, before, TaskHistory.snapshot(task));
      publish(TaskEvent.STATUS_CHANGED, task, userId, java.util.Map.of("old_status", old.code(), "new_status", "completed"));
    }
  }

  public Deadlines deadlines(UUID taskId, String reminderLead, String escalationDelay) {
    Task task = load(taskId);
    if (task.getDueDate() == null) {
      return new Deadlines(null, null);
    }
    return new Deadlines(
        task.getDueDate().minus(duration(reminderLead, "reminderLead")),
        task.getDueDate().plus(duration(escalationDelay, "escalationDelay")));
  }

  public void remind(UUID taskId) {
    Task task = load(taskId);
    if (task.getStatus().isClosed()) {
      return;
    }
    UUID recipient = task.getAssignedToUserId() != null ? task.getAssignedToUserId() : teamLead(task).orElse(null);
    notifications.queue(NotificationType.TASK_REMINDER, taskId, recipient);
  }

  /** Overdue: priority one step up, escalation recorded, team lead told. Returns the new priority. */
  public TaskPriority escalate(UUID taskId) {
    Task task = load(taskId);
    java.util.Map<String, String> before = TaskHistory.snapshot(task);
    task.escalate(clock.instant());
    history.recordDiff(task, null, before, TaskHistory.snapshot(task));
    notifications.queue(NotificationType.TASK_ESCALATED, taskId, teamLead(task).orElse(null));
    return task.getPriority();
  }

  /**
   * A notification chosen in the model (element template "Send notification"): the type names the
   * mail template, the recipient is {@code assignee}, {@code team_lead} or {@code creator}.
   */
  public void notify(UUID taskId, NotificationType type, String recipient) {
    Task task = load(taskId);
    UUID to =
        switch (recipient) {
          case "assignee" -> task.getAssignedToUserId();
          case "team_lead" -> teamLead(task).orElse(null);
          case "creator" -> task.getCreatedByUserId();
          default -> throw new IllegalArgumentException(
              "recipient must be assignee, team_lead or creator, not '" + recipient + "'");
        };
    notifications.queue(type, taskId, to);
  }

  private Optional<UUID> teamLead(Task task) {
    return directory.findTeam(task.getTeamId()).map(TeamInfo::leadUserId);
  }

  private Task load(UUID taskId) {
    return tasks.findById(taskId).orElseThrow(() -> NotFoundException.forId("Task", taskId));
  }

  private static Duration duration(String iso, String name) {
    if (iso == null || iso.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return iso.startsWith("P") && iso.contains("D") && !iso.contains("T")
          ? Duration.ofDays(Long.parseLong(iso.substring(1, iso.length() - 1)))
          : Duration.parse(iso);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalStateException(
          "The task-escalation-policy table gave " + name + " '" + iso + "', which is not an ISO-8601 duration", e);
    }
  }
}
