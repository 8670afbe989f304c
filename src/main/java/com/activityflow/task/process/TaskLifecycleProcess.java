package com.activityflow.task.process;

import com.activityflow.platform.config.CompanyTenantIdProvider;
import com.activityflow.task.domain.Task;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Backing class of {@code bpmn/task-lifecycle.bpmn}: its key, element ids, message and variable
 * names, and the engine operations the task module needs (start, complete work, reassign,
 * reschedule, cancel). No other code spells these names.
 */
@Component
public class TaskLifecycleProcess {

  public static final String PROCESS_KEY = "task-lifecycle";

  public static final String TASK_APPROVE = "Task_ApproveTask";
  public static final String TASK_WORK = "Task_Work";
  public static final String EVENT_REMINDER_DUE = "Event_ReminderDue";
  public static final String EVENT_TASK_OVERDUE = "Event_TaskOverdue";
  public static final String MESSAGE_SCHEDULE_CHANGED = "TaskScheduleChanged";

  /** Process variable names; typed and few: ids and decision facts, never entities. */
  static final class Vars {
    static final String TASK_ID = "taskId";
    static final String TASK_TYPE = "taskType";
    static final String CATEGORY = "category";
    static final String PRIORITY = "priority";
    static final String CUSTOMER_TIER = "customerTier";
    static final String ESTIMATED_HOURS = "estimatedHours";
    static final String ASSIGNEE_REQUESTED = "assigneeRequested";
    static final String REQUIRES_APPROVAL = "requiresApproval";
    static final String ASSIGNMENT_TEAM = "assignmentTeam";
    static final String REQUIRED_SKILL = "requiredSkill";
    static final String ASSIGNMENT_STRATEGY = "assignmentStrategy";
    static final String ASSIGNEE = "assignee";
    static final String CANDIDATE_GROUP = "candidateGroup";
    static final String APPROVER_GROUP = "approverGroup";
    static final String APPROVAL_DECISION = "approvalDecision";
    static final String APPROVAL_COMMENT = "approvalComment";
    static final String APPROVED_BY = "approvedBy";
    static final String REMINDER_LEAD = "reminderLead";
    static final String ESCALATION_DELAY = "escalationDelay";
    static final String REMINDER_AT = "reminderAt";
    static final String ESCALATE_AT = "escalateAt";
    static final String HAS_DUE_DATE = "hasDueDate";
    /** local to the approval user task: what the task-approval form shows */
    static final String FORM_TASK_TITLE = "taskTitle";
    static final String FORM_TASK_DESCRIPTION = "taskDescription";
    static final String FORM_REQUESTED_BY = "requestedBy";
    /** input parameters of the "Send notification" element template */
    static final String INPUT_NOTIFICATION_TYPE = "notificationType";
    static final String INPUT_RECIPIENT = "recipient";

    private Vars() {}
  }

  private final RuntimeService runtimeService;
  private final TaskService engineTasks;

  TaskLifecycleProcess(RuntimeService runtimeService, TaskService engineTasks) {
    this.runtimeService = runtimeService;
    this.engineTasks = engineTasks;
  }

  /** Starts the lifecycle; assignment and the approval decision run within the caller's transaction. */
  public void start(Task task, String companyCode, String customerTier) {
    double estimate = task.getEstimatedHours() == null ? 0.0 : task.getEstimatedHours().doubleValue();
    VariableMap variables =
        Variables.createVariables()
            .putValueTyped(CompanyTenantIdProvider.TENANT_VARIABLE, Variables.stringValue(companyCode))
            .putValueTyped(Vars.TASK_ID, Variables.stringValue(task.getId().toString()))
            .putValueTyped(Vars.TASK_TYPE, Variables.stringValue(task.getTaskType().code()))
            .putValueTyped(
                Vars.CATEGORY, Variables.stringValue(task.getCategory() == null ? null : task.getCategory().code()))
            .putValueTyped(Vars.PRIORITY, Variables.stringValue(task.getPriority().code()))
            .putValueTyped(Vars.CUSTOMER_TIER, Variables.stringValue(customerTier))
            .putValueTyped(Vars.ESTIMATED_HOURS, Variables.doubleValue(estimate))
            .putValueTyped(Vars.ASSIGNEE_REQUESTED, Variables.booleanValue(task.getAssignedToUserId() != null))
            .putValueTyped(Vars.REQUIRES_APPROVAL, Variables.booleanValue(task.isRequiresApproval()));
    runtimeService
        .createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(task.getId().toString())
        .setVariables(variables)
        .execute();
  }

  /** Completes the work user task, if the instance waits there. */
  public boolean completeWork(UUID taskId) {
    Optional<org.camunda.bpm.engine.task.Task> work = workTask(taskId);
    work.ifPresent(t -> engineTasks.complete(t.getId()));
    return work.isPresent();
  }

  /** Hands the work to another person (or back to the queue when {@code username} is null). */
  public void reassign(UUID taskId, String username, String candidateGroup) {
    instance(taskId)
        .ifPresent(
            pi -> {
              runtimeService.setVariable(pi.getId(), Vars.ASSIGNEE, username);
              if (candidateGroup != null) {
                runtimeService.setVariable(pi.getId(), Vars.CANDIDATE_GROUP, candidateGroup);
              }
            });
    workTask(taskId).ifPresent(t -> engineTasks.setAssignee(t.getId(), username));
  }

  /** The due date or priority changed: the deadline branch recomputes its timers. */
  public void rescheduleDeadlines(UUID taskId, String priority) {
    instance(taskId)
        .ifPresent(
            pi -> {
              runtimeService.setVariable(pi.getId(), Vars.PRIORITY, priority);
              runtimeService
                  .createMessageCorrelation(MESSAGE_SCHEDULE_CHANGED)
                  .processInstanceId(pi.getId())
                  .correlateAllWithResult();
            });
  }

  /** Ends the instance when its task is deleted or cancelled. */
  public void cancel(UUID taskId, String reason) {
    instance(taskId).ifPresent(pi -> runtimeService.deleteProcessInstance(pi.getId(), reason, false, true));
  }

  public Optional<ProcessInstance> instance(UUID taskId) {
    return Optional.ofNullable(
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(taskId.toString())
            .singleResult());
  }

  private Optional<org.camunda.bpm.engine.task.Task> workTask(UUID taskId) {
    return Optional.ofNullable(
        engineTasks
            .createTaskQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(taskId.toString())
            .taskDefinitionKey(TASK_WORK)
            .singleResult());
  }
}
