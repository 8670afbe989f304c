package com.activityflow.task.process;

import com.activityflow.assignment.AssignmentOutcome;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.metrics.ActivityMetrics;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.TaskWorkflow;
import com.activityflow.task.TaskWorkflow.Deadlines;
import com.activityflow.task.process.TaskLifecycleProcess.Vars;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The delegates and task listeners of {@code task-lifecycle}, named as in the model. Each reads
 * its typed variables, calls {@link TaskWorkflow} and writes typed variables back.
 */
final class TaskLifecycleDelegates {

  private TaskLifecycleDelegates() {}

  static UUID taskId(VariableScope scope) {
    return UUID.fromString((String) scope.getVariable(Vars.TASK_ID));
  }

  static void setAssignment(DelegateExecution execution, AssignmentOutcome outcome) {
    execution.setVariable(Vars.ASSIGNEE, Variables.stringValue(outcome.username()));
    // the work task's candidateGroups expression needs a string; "" means no queue
    execution.setVariable(
        Vars.CANDIDATE_GROUP, Variables.stringValue(outcome.candidateGroup() == null ? "" : outcome.candidateGroup()));
  }

  @Component("assignRequestedUser")
  static class AssignRequestedUser implements JavaDelegate {
    private final TaskWorkflow workflow;

    AssignRequestedUser(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      setAssignment(execution, workflow.assignRequestedUser(taskId(execution)));
    }
  }

  @Component("pickAssignee")
  static class PickAssignee implements JavaDelegate {
    private final TaskWorkflow workflow;

    PickAssignee(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      AssignmentOutcome outcome =
          workflow.assignByRules(
              taskId(execution),
              (String) execution.getVariable(Vars.ASSIGNMENT_TEAM),
              (String) execution.getVariable(Vars.REQUIRED_SKILL),
              (String) execution.getVariable(Vars.ASSIGNMENT_STRATEGY));
      setAssignment(execution, outcome);
    }
  }

  @Component("notifyAssignment")
  static class NotifyAssignment implements JavaDelegate {
    private final TaskWorkflow workflow;

    NotifyAssignment(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      workflow.notifyAssignment(taskId(execution));
    }
  }

  @Component("requestApproval")
  static class RequestApproval implements JavaDelegate {
    private final TaskWorkflow workflow;

    RequestApproval(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      workflow.requestApproval(taskId(execution), (String) execution.getVariable(Vars.APPROVER_GROUP));
    }
  }

  /** Gives the approval task in Tasklist a telling name and the facts the form shows. */
  @Component("describeApproval")
  static class DescribeApproval implements TaskListener {
    private final com.activityflow.task.TaskManager tasks;
    private final DirectoryService directory;

    DescribeApproval(com.activityflow.task.TaskManager tasks, DirectoryService directory) {
      this.tasks = tasks;
      this.directory = directory;
    }

    @Override
    public void notify(DelegateTask delegateTask) {
      var task = tasks.loadForProcess(taskId(delegateTask));
      delegateTask.setName("Approve: " + task.getTaskTitle());
      delegateTask.setDescription(task.getTaskDescription());
      delegateTask.setDueDate(task.getDueDate() == null ? null : Date.from(task.getDueDate()));
      delegateTask.setVariableLocal(Vars.FORM_TASK_TITLE, Variables.stringValue(task.getTaskTitle()));
      delegateTask.setVariableLocal(Vars.FORM_TASK_DESCRIPTION, Variables.stringValue(task.getTaskDescription()));
      delegateTask.setVariableLocal(
          Vars.FORM_REQUESTED_BY,
          Variables.stringValue(
              directory.findUser(task.getCreatedByUserId()).map(DirectoryUser::displayName).orElse("")));
    }
  }

  /** Refuses a completion without a valid decision and remembers who decided. */
  @Component("recordDecision")
  static class RecordDecision implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      Object decision = execution.getVariable(Vars.APPROVAL_DECISION);
      if (!"approved".equals(decision) && !"rejected".equals(decision)) {
        throw new BadUserRequestException(
            "approvalDecision must be 'approved' or 'rejected', was '" + decision + "'");
      }
      Authentication authentication =
          execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      execution.setVariable(
          Vars.APPROVED_BY, Variables.stringValue(authentication == null ? null : authentication.getUserId()));
    }
  }

  @Component("recordApproval")
  static class RecordApproval implements JavaDelegate {
    private final TaskWorkflow workflow;

    RecordApproval(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      workflow.decideApproval(
          taskId(execution),
          true,
          (String) execution.getVariable(Vars.APPROVED_BY),
          (String) execution.getVariable(Vars.APPROVAL_COMMENT));
    }
  }

  @Component("rejectTask")
  static class RejectTask implements JavaDelegate {
    private final TaskWorkflow workflow;

    RejectTask(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      workflow.decideApproval(
          taskId(execution),
          false,
          (String) execution.getVariable(Vars.APPROVED_BY),
          (String) execution.getVariable(Vars.APPROVAL_COMMENT));
    }
  }

  @Component("markTaskCompleted")
  static class MarkTaskCompleted implements JavaDelegate {
    private final TaskWorkflow workflow;

    MarkTaskCompleted(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Authentication authentication =
          execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      try {
        workflow.markCompleted(taskId(execution), authentication == null ? null : authentication.getUserId());
      } catch (RuleViolationException e) {
        // Tasklist and engine REST answer 400 with this message; the completion is rolled back
        throw new BadUserRequestException(e.getMessage());
      }
    }
  }

  @Component("scheduleDeadlines")
  static class ScheduleDeadlines implements JavaDelegate {
    private final TaskWorkflow workflow;

    ScheduleDeadlines(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Deadlines deadlines =
          workflow.deadlines(
              taskId(execution),
              (String) execution.getVariable(Vars.REMINDER_LEAD),
              (String) execution.getVariable(Vars.ESCALATION_DELAY));
      execution.setVariable(Vars.HAS_DUE_DATE, Variables.booleanValue(deadlines.scheduled()));
      execution.setVariable(
          Vars.REMINDER_AT, Variables.dateValue(deadlines.scheduled() ? Date.from(deadlines.reminderAt()) : null));
      execution.setVariable(
          Vars.ESCALATE_AT, Variables.dateValue(deadlines.scheduled() ? Date.from(deadlines.escalateAt()) : null));
    }
  }

  @Component("sendReminder")
  static class SendReminder implements JavaDelegate {
    private final TaskWorkflow workflow;

    SendReminder(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      workflow.remind(taskId(execution));
    }
  }

  /** Generic "Send notification" building block: input parameters notificationType and recipient. */
  @Component("sendNotification")
  static class SendNotification implements JavaDelegate {
    private final TaskWorkflow workflow;

    SendNotification(TaskWorkflow workflow) {
      this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
      workflow.notify(
          taskId(execution),
          com.activityflow.notification.NotificationType.of((String) execution.getVariableLocal(Vars.INPUT_NOTIFICATION_TYPE)),
          (String) execution.getVariableLocal(Vars.INPUT_RECIPIENT));
    }
  }

  @Component("escalateTask")
  static class EscalateTask implements JavaDelegate {
    private final TaskWorkflow workflow;
    private final ActivityMetrics metrics;

    EscalateTask(TaskWorkflow workflow, ActivityMetrics metrics) {
      this.workflow = workflow;
      this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(Vars.PRIORITY, Variables.stringValue(workflow.escalate(taskId(execution)).code()));
      metrics.taskEscalated(execution.getTenantId());
    }
  }
}
