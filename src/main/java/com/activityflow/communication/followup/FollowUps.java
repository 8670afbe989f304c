package com.activityflow.communication.followup;

import com.activityflow.assignment.Workload;
import com.activityflow.audit.AuditTrail;
import com.activityflow.communication.CommunicationCodes;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.directory.Availability;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import com.activityflow.directory.TeamInfo;
import com.activityflow.notification.NotificationService;
import com.activityflow.notification.NotificationType;
import com.activityflow.platform.security.Authentications;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.task.TaskManager;
import com.activityflow.task.TaskPriority;
import com.activityflow.task.TaskRequests.CreateTask;
import com.activityflow.task.TaskRequests.UpdateTask;
import com.activityflow.task.TaskStatus;
import com.activityflow.task.TaskType;
import com.activityflow.task.TaskView;
import com.activityflow.task.domain.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The follow-up of communication logs (C7): starting one, the follow-up task in the task module,
 * the customer's reply, escalation and the end. The {@code communication-follow-up} process calls
 * these steps; the log's {@code follow_up_status} follows along (pending, in_progress or
 * awaiting_reply, escalated, completed, cancelled), so the log cannot be deleted while it runs.
 *
 * <p>Who follows up: the log's {@code follow_up_assigned_to}, else its assignee, else its creator;
 * when that person is away or at capacity, or nobody is named (a mail from the mailbox), the
 * {@code task-assignment} rules pick someone for the task type {@code follow_up}.
 */
@Service
@Transactional
public class FollowUps {

  /** Used when neither the user nor the triage table gave a deadline. */
  public static final Duration DEFAULT_WITHIN = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(FollowUps.class);
  private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

  private final FollowUpRepository followUps;
  private final CommunicationLogRepository logs;
  private final CommunicationFollowUpProcess process;
  private final TaskManager tasks;
  private final DirectoryService directory;
  private final Workload workload;
  private final NotificationService notifications;
  private final AuditTrail audit;
  private final Clock clock;

  FollowUps(
      FollowUpRepository followUps,
      CommunicationLogRepository logs,
      CommunicationFollowUpProcess process,
      TaskManager tasks,
      DirectoryService directory,
      Workload workload,
      NotificationService notifications,
      AuditTrail audit,
      Clock clock) {
    this.followUps = followUps;
    this.logs = logs;
    this.process = process;
    this.tasks = tasks;
    this.directory = directory;
    this.workload = workload;
    this.notifications = notifications;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Marks the log as requiring a follow-up, before it is saved: the deadline is its
   * {@code follow_up_date}, else now plus {@code within} (else {@link #DEFAULT_WITHIN}), kept to
   * milliseconds (what a timer and a task's due date hold); the status becomes pending.
   */
  public void require(CommunicationLog log, Duration within) {
    Instant due =
        log.getFollowUpDate() != null ? log.getFollowUpDate() : clock.instant().plus(within == null ? DEFAULT_WITHIN : within);
    log.setRequiresFollowUp(true);
    log.setFollowUpDate(due.truncatedTo(ChronoUnit.MILLIS));
    if (log.getFollowUpStatus() == null || !isActive(log.getFollowUpStatus())) {
      log.setFollowUpStatus("pending");
    }
  }

  /**
   * Starts the follow-up of a saved log that requires one, unless it has one already. The log is
   * not changed here (its version stays what the caller answers); the process writes its task and
   * status later, in its own transaction.
   */
  public Optional<FollowUp> start(CommunicationLog log, String reason) {
    if (!log.isRequiresFollowUp() || log.isDeleted() || followUps.existsById(log.getId())) {
      return Optional.empty();
    }
    Instant due = log.getFollowUpDate() != null ? log.getFollowUpDate() : clock.instant().plus(DEFAULT_WITHIN);
    FollowUp followUp = followUps.save(new FollowUp(log.getId(), log.getCompanyId(), log.getThreadId(), due, reason, clock.instant()));
    followUp.started(process.start(log.getId(), log.getThreadId(), due.truncatedTo(ChronoUnit.MILLIS), companyCode(log)));
    return Optional.of(followUp);
  }

  /**
   * An inbound communication on a thread is the customer's reply to every follow-up waiting on
   * that thread; returns how many it reached. A follow-up whose first step (creating the task)
   * has not run yet does not wait for the message: that step finds the reply itself
   * ({@link #firstStep}). Both lock the follow-up row, so the reply is never missed between them.
   */
  public int replyArrived(CommunicationLog reply) {
    if (!"inbound".equals(reply.getDirection()) || reply.getThreadId() == null) {
      return 0;
    }
    if (followUps.lockActiveOnThread(reply.getThreadId(), reply.getCompanyId()).isEmpty()) {
      return 0;
    }
    return process.customerReplied(reply.getThreadId(), reply.getId(), companyCode(reply)).size();
  }

  /**
   * A user closed the log's follow-up: a waiting process ends as cancelled; one that has not yet
   * created its task is stopped.
   */
  public void cancel(UUID logId) {
    process.cancelled(logId);
    followUps.findById(logId).filter(FollowUp::isActive).ifPresent(f -> {
      f.ended(FollowUp.CANCELLED, null, clock.instant());
      process.stop(logId, "follow-up closed before its task was created");
    });
  }

  /** The follow-up task of a log changed status (API or Tasklist). */
  public void taskClosed(UUID taskId, TaskStatus status) {
    for (FollowUp followUp : followUps.findByTaskIdAndOutcomeIsNull(taskId)) {
      if (status == TaskStatus.COMPLETED) {
        process.taskCompleted(followUp.getLogId());
      } else {
        process.cancelled(followUp.getLogId());
      }
    }
  }

  @Transactional(readOnly = true)
  public Optional<FollowUp> of(UUID logId, UUID companyId) {
    return followUps.findByLogIdAndCompanyId(logId, companyId);
  }

  // process steps

  /**
   * What the process's first step did: created the follow-up task, or found that the customer
   * already replied on the thread (the task would only be completed at once), or nothing (the
   * follow-up ended or the log was deleted meanwhile).
   */
  record FirstStep(UUID taskId, UUID replyLogId) {
    static final FirstStep NOTHING = new FirstStep(null, null);
  }

  /**
   * The first step of the process, a job after the log's transaction: with the follow-up row
   * locked (see {@link #replyArrived}), links a reply that came in before it, else creates the
   * follow-up task.
   */
  FirstStep firstStep(UUID logId) {
    FollowUp followUp = followUps.lockById(logId).orElseThrow(() -> NotFoundException.forId("Follow-up", logId));
    CommunicationLog log = logs.findById(logId).orElseThrow(() -> NotFoundException.forId("Communication", logId));
    if (!followUp.isActive() || log.isDeleted()) {
      return FirstStep.NOTHING;
    }
    if (followUp.getThreadId() != null) {
      List<UUID> replies = logs.inboundOnThreadSince(log.getCompanyId(), followUp.getThreadId(), logId, followUp.getCreatedAt());
      if (!replies.isEmpty()) {
        log.setFollowUpProcessInstanceId(followUp.getProcessInstanceId());
        return new FirstStep(null, replies.get(0));
      }
    }
    return new FirstStep(createTask(followUp, log), null);
  }

  private UUID createTask(FollowUp followUp, CommunicationLog log) {
    Optional<DirectoryUser> person =
        Stream.of(log.getFollowUpAssignedTo(), log.getAssignedToUserId(), log.getCreatedByUserId())
            .filter(Objects::nonNull)
            .map(directory::findUser)
            .flatMap(Optional::stream)
            .filter(u -> u.active() && u.companyId().equals(log.getCompanyId()))
            .findFirst();
    UUID assignee = person.filter(this::canTakeTask).map(DirectoryUser::id).orElse(null);
    DirectoryUser creator =
        person.or(() -> actingManager(log.getCompanyId()))
            .orElseThrow(() -> new IllegalStateException("Company " + log.getCompanyId() + " has no active user to create the follow-up task"));
    CreateTask request =
        new CreateTask(
            cut("Follow up: " + log.getSubject(), 200),
            describe(log, followUp),
            TaskType.FOLLOW_UP,
            null,
            TaskPriority.of(log.getPriority()),
            null,
            null,
            log.getCustomerId(),
            log.getContactId(),
            assignee,
            null,
            null,
            followUp.getDueAt(),
            null,
            null,
            true,
            false);
    TaskView task = Authentications.runAs(creator, () -> tasks.create(request));
    followUp.taskCreated(task.id(), task.assignedToUserId());
    log.setFollowUpTaskId(task.id());
    log.setFollowUpProcessInstanceId(followUp.getProcessInstanceId());
    if (log.getFollowUpAssignedTo() == null) {
      log.setFollowUpAssignedTo(task.assignedToUserId());
    }
    log.setFollowUpStatus("outbound".equals(log.getDirection()) ? "awaiting_reply" : "in_progress");
    return task.id();
  }

  /** Links the reply, ends the follow-up and completes its task (the customer has answered). */
  void recordReply(UUID logId, UUID replyLogId) {
    FollowUp followUp = load(logId);
    if (!followUp.isActive()) {
      return;
    }
    CommunicationLog log = logs.findById(logId).orElseThrow(() -> NotFoundException.forId("Communication", logId));
    followUp.ended(FollowUp.REPLIED, replyLogId, clock.instant());
    log.setFollowUpStatus("completed");
    audit.record(log.getCompanyId(), null, "communication-follow-up", "update", "communication_log", logId.toString(),
        List.of(new AuditTrail.FieldChange("follow_up_status", null, "completed")), "the customer replied: communication " + replyLogId);
    if (followUp.getTaskId() != null) {
      completeTask(followUp.getTaskId(), log.getCompanyId(), "The customer replied on the thread (communication " + replyLogId + ")");
    }
  }

  /** Ends the follow-up with {@code outcome} (task completed, cancelled). */
  void end(UUID logId, String outcome) {
    FollowUp followUp = load(logId);
    if (!followUp.isActive()) {
      return;
    }
    followUp.ended(outcome, null, clock.instant());
    logs.findById(logId).ifPresent(log -> {
      String status = FollowUp.CANCELLED.equals(outcome) ? "cancelled" : "completed";
      audit.record(log.getCompanyId(), null, "communication-follow-up", "update", "communication_log", logId.toString(),
          List.of(new AuditTrail.FieldChange("follow_up_status", log.getFollowUpStatus(), status)), "follow-up " + outcome);
      if (log.getFollowUpStatus() == null || isActive(log.getFollowUpStatus())) {
        log.setFollowUpStatus(status); // a status a user set by closing the follow-up stays
      }
    });
  }

  /**
   * The deadline passed without a reply or the task's completion: the follow-up is marked
   * escalated, the log and its task go up one priority step, and the team lead of the follow-up
   * person (else of the task's team, else the managers) is notified.
   */
  void escalate(UUID logId) {
    FollowUp followUp = load(logId);
    CommunicationLog log = logs.findById(logId).orElseThrow(() -> NotFoundException.forId("Communication", logId));
    if (!followUp.isActive() || log.isDeleted()) {
      return;
    }
    Instant now = clock.instant();
    followUp.escalated(now);
    String oldPriority = log.getPriority();
    log.setPriority(raised(oldPriority));
    log.setFollowUpStatus("escalated");
    audit.record(log.getCompanyId(), null, "communication-follow-up", "update", "communication_log", logId.toString(),
        List.of(new AuditTrail.FieldChange("priority", oldPriority, log.getPriority()),
            new AuditTrail.FieldChange("follow_up_status", null, "escalated")),
        "follow-up due " + followUp.getDueAt() + " passed without a reply");
    Task task = followUp.getTaskId() == null ? null : tasks.loadForProcess(followUp.getTaskId());
    if (task != null && !task.isDeleted() && !task.getStatus().isClosed()) {
      TaskPriority higher = TaskPriority.of(raised(task.getPriority().code()));
      if (higher != task.getPriority()) {
        actingManager(log.getCompanyId())
            .ifPresent(manager -> Authentications.runAs(manager, () -> tasks.update(task.getId(), priorityChange(task.getVersion(), higher))));
      }
    }
    notifications.queueAll(NotificationType.COMMUNICATION_FOLLOW_UP_ESCALATED, logId, escalationRecipients(log, followUp, task));
  }

  // rules

  private Set<UUID> escalationRecipients(CommunicationLog log, FollowUp followUp, Task task) {
    Set<UUID> recipients = new LinkedHashSet<>();
    UUID person = followUp.getPersonUserId() != null ? followUp.getPersonUserId() : log.getFollowUpAssignedTo();
    Optional<UUID> personTeam = Optional.ofNullable(person).flatMap(directory::findUser).map(DirectoryUser::teamId);
    Optional<UUID> taskTeam = Optional.ofNullable(task).map(Task::getTeamId);
    personTeam.or(() -> taskTeam).flatMap(directory::findTeam).map(TeamInfo::leadUserId).ifPresent(recipients::add);
    if (recipients.isEmpty()) {
      directory.activeUsersWithRole(log.getCompanyId(), Role.MANAGER).forEach(m -> recipients.add(m.id()));
    }
    return recipients;
  }

  private void completeTask(UUID taskId, UUID companyId, String comment) {
    Task task = tasks.loadForProcess(taskId);
    if (task.isDeleted() || (task.getStatus() != TaskStatus.PENDING && task.getStatus() != TaskStatus.IN_PROGRESS)) {
      return;
    }
    Optional<DirectoryUser> manager = actingManager(companyId);
    if (manager.isEmpty()) {
      LOG.warn("Follow-up task {} stays open: company {} has no active manager to complete it", taskId, companyId);
      return;
    }
    UpdateTask complete =
        new UpdateTask(task.getVersion(), null, null, null, null, null, TaskStatus.COMPLETED, null, null, null, null, null,
            null, null, null, comment);
    Authentications.runAs(manager.get(), () -> tasks.update(taskId, complete));
  }

  private static UpdateTask priorityChange(long version, TaskPriority priority) {
    return new UpdateTask(version, null, null, null, null, priority, null, null, null, null, null, null, null, null, null, null);
  }

  /** Whether the person can take one more task now (active, not away, below capacity). */
  private boolean canTakeTask(DirectoryUser user) {
    if (!user.active() || user.availability() != Availability.ACTIVE) {
      return false;
    }
    long active = workload.activeTasks(List.of(user.id()), null).getOrDefault(user.id(), 0L);
    return active < user.capacity();
  }

  /** Who acts for the system in the task module (creating, re-prioritising, completing). */
  private Optional<DirectoryUser> actingManager(UUID companyId) {
    List<DirectoryUser> candidates = new ArrayList<>(directory.activeUsersWithRole(companyId, Role.MANAGER));
    candidates.addAll(directory.activeUsersWithRole(companyId, Role.ADMIN));
    return candidates.stream().findFirst();
  }

  private String describe(CommunicationLog log, FollowUp followUp) {
    String customer = directory.customerName(log.getCompanyId(), log.getCustomerId());
    String text = log.getSummary() != null && !log.getSummary().isBlank() ? log.getSummary() : log.getContent();
    return cut(
        "Follow up the " + log.getDirection() + " " + log.getCommunicationType() + " \"" + log.getSubject() + "\""
            + (customer == null ? "" : " with " + customer) + " of " + log.getStartTime() + ".\n"
            + "Why: " + followUp.getReason() + ".\n"
            + "A reply from the customer on the same thread completes this task.\n"
            + "Communication: /api/communication-logs/" + log.getId() + "\n\n"
            + cut(text == null ? "" : text, 2000),
        20000);
  }

  private FollowUp load(UUID logId) {
    return followUps.findById(logId).orElseThrow(() -> NotFoundException.forId("Follow-up", logId));
  }

  private String companyCode(CommunicationLog log) {
    return directory.companyCode(log.getCompanyId());
  }

  static String raised(String priority) {
    int index = PRIORITIES.indexOf(priority);
    return index < 0 ? "high" : PRIORITIES.get(Math.min(index + 1, PRIORITIES.size() - 1));
  }

  static boolean isActive(String followUpStatus) {
    return CommunicationCodes.ACTIVE_FOLLOW_UP.contains(followUpStatus);
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max - 3) + "..." : text;
  }
}
