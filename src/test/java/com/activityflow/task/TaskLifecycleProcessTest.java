package com.activityflow.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.Authentications;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.activityflow.task.TaskRequests.CreateTask;
import com.activityflow.task.TaskRequests.UpdateTask;
import com.activityflow.task.process.TaskLifecycleProcess;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Every path of {@code bpmn/task-lifecycle.bpmn}, with the real delegates, DMN tables and database. */
@RecordApplicationEvents
class TaskLifecycleProcessTest extends IntegrationTest {

  @Autowired ApplicationEvents events;

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService engineTasks;
  @Autowired HistoryService history;
  @Autowired TaskManager tasks;

  Staff acme;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    acme = companies.create();
  }

  private TaskView create(DirectoryUser as, String type, Map<String, Object> extra) {
    CreateTask request =
        new CreateTask(
            "Task " + type,
            "Details",
            TaskType.of(type),
            extra.containsKey("category") ? TaskCategory.of((String) extra.get("category")) : null,
            extra.containsKey("priority") ? TaskPriority.of((String) extra.get("priority")) : TaskPriority.NORMAL,
            null,
            null,
            (UUID) extra.get("customer"),
            null,
            (UUID) extra.get("assignee"),
            (UUID) extra.get("parent"),
            null,
            (Instant) extra.get("due"),
            (BigDecimal) extra.get("hours"),
            null,
            null,
            (Boolean) extra.get("approval"));
    return Authentications.runAs(as, () -> tasks.create(request));
  }

  private ProcessInstance instanceOf(TaskView task) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(TaskLifecycleProcess.PROCESS_KEY)
        .processInstanceBusinessKey(task.id().toString())
        .singleResult();
  }

  private TaskView reload(TaskView task) {
    return Authentications.runAs(acme.manager(), () -> tasks.get(task.id(), false, false));
  }

  @Test
  void assignsByRulesAndWaitsForWorkWhenNoApprovalIsNeeded() {
    TaskView created = create(acme.rep1(), "demo", Map.of());
    ProcessInstance pi = instanceOf(created);

    assertThat(pi).isWaitingAt(TaskLifecycleProcess.TASK_WORK).hasPassed("Task_DecideAssignment", "Task_PickAssignee");
    assertThat(pi).hasNotPassed("Task_ApproveTask");
    assertThat(created.assignedTo()).isEqualTo(acme.rep2().username()); // only rep2 has skill 'technical'
    assertThat(created.assignmentReason()).contains("skill 'technical'");
    assertThat(task(pi)).isAssignedTo(acme.rep2().username()).hasCandidateGroupAssociated("sales");
    assertThat(pi.getTenantId()).isEqualTo(acme.code());
  }

  @Test
  void explicitAssigneeSkipsTheRules() {
    TaskView created = create(acme.rep1(), "demo", Map.of("assignee", acme.rep3().id()));
    ProcessInstance pi = instanceOf(created);

    assertThat(pi).hasPassed("Task_AssignRequestedUser").hasNotPassed("Task_DecideAssignment");
    assertThat(task(pi)).isAssignedTo(acme.rep3().username());
    assertThat(created.assignmentReason()).startsWith("Assigned explicitly to " + acme.rep3().username());
  }

  @Test
  void queuesForTheTeamWhenNobodyFitsAndTellsTheLead() {
    // 'email' needs the email skill: only rep3, whose capacity is 2
    create(acme.rep1(), "email", Map.of());
    create(acme.rep1(), "email", Map.of());
    TaskView third = create(acme.rep1(), "email", Map.of());

    assertThat(third.assignedToUserId()).isNull();
    assertThat(third.candidateGroup()).isEqualTo("sales");
    assertThat(third.assignmentReason()).contains("Nobody in Sales with skill 'email'");
    assertThat(task(instanceOf(third))).isNotAssigned().hasCandidateGroup("sales");
    deliverNotifications(acme);
    assertThat(mailsTo(acme.lead().email()))
        .anySatisfy(m -> assertThat(subjectOf(m)).contains("Unassigned task in your team queue"));
  }

  @Test
  void leastLoadedRepWinsAndTiesRotate() {
    TaskView first = create(acme.rep1(), "call", Map.of()); // rep1 and rep2 have 'calls'
    TaskView second = create(acme.rep1(), "call", Map.of());
    TaskView third = create(acme.rep1(), "call", Map.of());

    assertThat(first.assignedTo()).isNotEqualTo(second.assignedTo());
    assertThat(second.assignmentReason()).contains("fewest active tasks (0 of capacity");
    assertThat(third.assignmentReason()).contains("tie among 2 broken by round robin");
  }

  @Test
  void approvalApprovedLeadsToWork() {
    TaskView created = create(acme.rep1(), "discount_request", Map.of());
    ProcessInstance pi = instanceOf(created);

    assertThat(pi).isWaitingAt(TaskLifecycleProcess.TASK_APPROVE);
    assertThat(task(pi)).hasCandidateGroup("approvers").hasName("Approve: Task discount_request");
    assertThat(reload(created).approvalStatus()).isEqualTo(ApprovalStatus.PENDING);

    String approvalTask = task(pi).getId();
    engine.getIdentityService().setAuthentication(acme.approver().username(), List.of("approvers"), List.of(acme.code()));
    try {
      engineTasks.complete(approvalTask, Map.of("approvalDecision", "approved", "approvalComment", "fine"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    assertThat(pi).hasPassed("Task_RecordApproval").isWaitingAt(TaskLifecycleProcess.TASK_WORK);
    TaskView approved = reload(created);
    assertThat(approved.approvalStatus()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.approvedByUserId()).isEqualTo(acme.approver().id());
    assertThat(approved.approvalComment()).isEqualTo("fine");
  }

  @Test
  void approvalRejectedEndsTheTaskAsRejected() {
    TaskView created = create(acme.rep1(), "call", Map.of("approval", true));
    ProcessInstance pi = instanceOf(created);
    assertThat(pi).isWaitingAt(TaskLifecycleProcess.TASK_APPROVE);

    engineTasks.complete(task(pi).getId(), Map.of("approvalDecision", "rejected", "approvalComment", "no budget"));

    assertThat(pi).isEnded().hasPassed("Task_RejectTask", "End_TaskRejected");
    TaskView rejected = reload(created);
    assertThat(rejected.status()).isEqualTo(TaskStatus.REJECTED);
    assertThat(rejected.approvalStatus()).isEqualTo(ApprovalStatus.REJECTED);
  }

  @Test
  void approvalWithoutADecisionIsRefused() {
    ProcessInstance pi = instanceOf(create(acme.rep1(), "discount_request", Map.of()));
    String approvalTask = task(pi).getId();
    assertThatThrownBy(() -> engineTasks.complete(approvalTask, Map.of("approvalDecision", "maybe")))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("approvalDecision");
    assertThat(pi).isWaitingAt(TaskLifecycleProcess.TASK_APPROVE);
  }

  @Test
  void remindsBeforeTheDueDateAndEscalatesWhenOverdue() {
    Instant due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    TaskView created = create(acme.rep1(), "demo", Map.of("due", due));
    ProcessInstance pi = instanceOf(created);

    // normal priority: reminder one day before, escalation four hours after (task-escalation-policy)
    Job reminder = timer(pi, TaskLifecycleProcess.EVENT_REMINDER_DUE);
    assertThat(reminder.getDuedate().toInstant()).isEqualTo(due.minus(1, ChronoUnit.DAYS));
    execute(reminder);
    assertThat(pi).hasPassed("Task_SendReminder");

    Job overdue = timer(pi, TaskLifecycleProcess.EVENT_TASK_OVERDUE);
    assertThat(overdue.getDuedate().toInstant()).isEqualTo(due.plus(4, ChronoUnit.HOURS));
    execute(overdue);

    assertThat(pi).hasPassed("Task_EscalateTask").isWaitingAt(TaskLifecycleProcess.TASK_WORK);
    TaskView escalated = reload(created);
    assertThat(escalated.priority()).isEqualTo(TaskPriority.HIGH);
    assertThat(escalated.escalationLevel()).isEqualTo(1);
    assertThat(escalated.escalatedAt()).isNotNull();

    deliverNotifications(acme);
    assertThat(mailsTo(acme.rep2().email())).anySatisfy(m -> assertThat(subjectOf(m)).startsWith("[Activity Flow] Reminder"));
    assertThat(mailsTo(acme.lead().email())).anySatisfy(m -> assertThat(subjectOf(m)).contains("Escalation"));
  }

  @Test
  void changingTheDueDateMovesTheTimers() {
    Instant due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    TaskView created = create(acme.rep1(), "demo", Map.of("due", due));
    ProcessInstance pi = instanceOf(created);
    Instant later = due.plus(5, ChronoUnit.DAYS);

    Authentications.runAs(
        acme.rep1(),
        () ->
            tasks.update(
                created.id(),
                new UpdateTask(created.version(), null, null, null, null, null, null, null, null, null, null, later, null, null, null, null)));

    assertThat(timer(pi, TaskLifecycleProcess.EVENT_REMINDER_DUE).getDuedate().toInstant())
        .isEqualTo(later.minus(1, ChronoUnit.DAYS));
  }

  @Test
  void aTaskWithoutDueDateGetsTimersOnceADueDateIsSet() {
    TaskView created = create(acme.rep1(), "demo", Map.of());
    ProcessInstance pi = instanceOf(created);
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
    Instant due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    Authentications.runAs(
        acme.rep2(),
        () ->
            tasks.update(
                created.id(),
                new UpdateTask(created.version(), null, null, null, null, TaskPriority.URGENT, null, null, null, null, null, due, null, null, null, null)));

    // urgent: reminder one hour before the due date
    assertThat(timer(pi, TaskLifecycleProcess.EVENT_REMINDER_DUE).getDuedate().toInstant())
        .isEqualTo(due.minus(1, ChronoUnit.HOURS));
  }

  @Test
  void completingTheWorkInTasklistCompletesTheTask() {
    TaskView created = create(acme.rep1(), "demo", Map.of());
    ProcessInstance pi = instanceOf(created);

    String work = task(pi).getId();
    engine.getIdentityService().setAuthentication(acme.rep2().username(), List.of("sales"), List.of(acme.code()));
    try {
      engineTasks.complete(work);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    assertThat(pi).isEnded().hasPassed("Task_MarkCompleted", "End_TaskCompleted");
    TaskView completed = reload(created);
    assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(completed.completionPercentage()).isEqualTo(100);
    assertThat(completed.completedDate()).isNotNull();
    assertThat(completed.updatedByUserId()).isEqualTo(acme.rep2().id());
    assertThat(events.stream(TaskEvent.class).filter(e -> e.taskId().equals(created.id())).map(TaskEvent::type))
        .containsExactly(TaskEvent.CREATED, TaskEvent.ASSIGNED, TaskEvent.STATUS_CHANGED);
  }

  @Test
  void tasklistCannotCompleteWorkWithOpenSubTasks() {
    TaskView parent = create(acme.rep1(), "demo", Map.of());
    create(acme.rep1(), "demo", Map.of("parent", parent.id()));
    ProcessInstance pi = instanceOf(parent);
    String work = task(pi).getId();

    assertThatThrownBy(() -> engineTasks.complete(work))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("sub-task");
    assertThat(pi).isWaitingAt(TaskLifecycleProcess.TASK_WORK);
  }

  @Autowired TaskWorkflow workflow;

  @Test
  void theSendNotificationBuildingBlockMailsTheChosenRecipient() {
    TaskView created = create(acme.rep1(), "demo", Map.of());
    workflow.notify(created.id(), com.activityflow.notification.NotificationType.TASK_REMINDER, "team_lead");
    workflow.notify(created.id(), com.activityflow.notification.NotificationType.APPROVAL_DECIDED, "creator");
    deliverNotifications(acme);
    assertThat(mailsTo(acme.lead().email())).anySatisfy(m -> assertThat(subjectOf(m)).startsWith("[Activity Flow] Reminder"));
    assertThat(mailsTo(acme.rep1().email())).anySatisfy(m -> assertThat(subjectOf(m)).contains("Task"));
    assertThatThrownBy(() -> workflow.notify(created.id(), com.activityflow.notification.NotificationType.TASK_REMINDER, "everyone"))
        .hasMessageContaining("recipient must be assignee, team_lead or creator");
  }

  @Test
  void deletingTheTaskCancelsItsProcess() {
    TaskView created = create(acme.rep1(), "demo", Map.of());
    ProcessInstance pi = instanceOf(created);

    Authentications.runAs(
        acme.manager(),
        () -> {
          tasks.delete(created.id(), created.version());
          return null;
        });

    assertThat(pi).isEnded();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getDeleteReason())
        .contains("Task deleted by " + acme.manager().username());
  }

  private Job timer(ProcessInstance pi, String activityId) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).timers().singleResult();
  }
}
