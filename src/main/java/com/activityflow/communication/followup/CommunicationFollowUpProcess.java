package com.activityflow.communication.followup;

import com.activityflow.platform.config.CompanyTenantIdProvider;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Backing class of {@code bpmn/communication-follow-up.bpmn}: its key, element ids, messages and
 * variables, the engine operations (start, a reply on the thread, the task completed, cancel) and
 * the delegates. One instance per log that needs a follow-up, business key = log id, company as
 * tenant; variables are ids and the deadline only.
 */
@Component
public class CommunicationFollowUpProcess {

  public static final String PROCESS_KEY = "communication-follow-up";

  public static final String START_FOLLOW_UP_REQUIRED = "StartEvent_FollowUpRequired";
  public static final String TASK_CREATE_FOLLOW_UP_TASK = "Task_CreateFollowUpTask";
  public static final String GATEWAY_ALREADY_REPLIED = "Gateway_AlreadyReplied";
  public static final String TASK_AWAIT_CUSTOMER_REPLY = "Task_AwaitCustomerReply";
  public static final String EVENT_FOLLOW_UP_OVERDUE = "Event_FollowUpOverdue";
  public static final String EVENT_FOLLOW_UP_TASK_COMPLETED = "Event_FollowUpTaskCompleted";
  public static final String EVENT_FOLLOW_UP_CANCELLED = "Event_FollowUpCancelled";
  public static final String TASK_RECORD_CUSTOMER_REPLY = "Task_RecordCustomerReply";
  public static final String TASK_RECORD_FOLLOW_UP_DONE = "Task_RecordFollowUpDone";
  public static final String TASK_ESCALATE_FOLLOW_UP = "Task_EscalateFollowUp";
  public static final String TASK_RECORD_FOLLOW_UP_CANCELLED = "Task_RecordFollowUpCancelled";
  public static final String END_CUSTOMER_REPLIED = "End_CustomerReplied";
  public static final String END_FOLLOW_UP_TASK_COMPLETED = "End_FollowUpTaskCompleted";
  public static final String END_FOLLOW_UP_ESCALATED = "End_FollowUpEscalated";
  public static final String END_FOLLOW_UP_CANCELLED = "End_FollowUpCancelled";

  public static final String MESSAGE_CUSTOMER_REPLIED = "CommunicationCustomerReplied";
  public static final String MESSAGE_FOLLOW_UP_TASK_COMPLETED = "CommunicationFollowUpTaskCompleted";
  public static final String MESSAGE_FOLLOW_UP_CANCELLED = "CommunicationFollowUpCancelled";

  /** Process variable names: ids and the deadline, nothing else. */
  static final class Vars {
    static final String LOG_ID = "logId";
    static final String THREAD_ID = "threadId";
    static final String FOLLOW_UP_DUE = "followUpDue";
    static final String FOLLOW_UP_TASK_ID = "followUpTaskId";
    static final String REPLY_LOG_ID = "replyLogId";

    private Vars() {}
  }

  private final RuntimeService runtimeService;

  CommunicationFollowUpProcess(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** Starts the follow-up; its first step (creating the task) runs as a job after the caller commits. */
  String start(UUID logId, UUID threadId, Instant due, String companyCode) {
    return runtimeService
        .createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(logId.toString())
        .setVariables(
            Variables.createVariables()
                .putValueTyped(CompanyTenantIdProvider.TENANT_VARIABLE, Variables.stringValue(companyCode))
                .putValueTyped(Vars.LOG_ID, Variables.stringValue(logId.toString()))
                .putValueTyped(Vars.THREAD_ID, Variables.stringValue(threadId == null ? null : threadId.toString()))
                .putValueTyped(Vars.FOLLOW_UP_DUE, Variables.dateValue(Date.from(due))))
        .execute()
        .getId();
  }

  /**
   * An inbound communication was logged on the thread: every follow-up of the company waiting on
   * that thread ends its wait and gets the reply's id. Returns the ids of the instances reached.
   */
  List<String> customerReplied(UUID threadId, UUID replyLogId, String companyCode) {
    return runtimeService
        .createMessageCorrelation(MESSAGE_CUSTOMER_REPLIED)
        .tenantId(companyCode)
        .processInstanceVariableEquals(Vars.THREAD_ID, threadId.toString())
        .setVariable(Vars.REPLY_LOG_ID, Variables.stringValue(replyLogId.toString()))
        .correlateAllWithResult()
        .stream()
        .map(r -> r.getExecution().getProcessInstanceId())
        .distinct()
        .toList();
  }

  /** The follow-up task was completed; nothing happens when the instance no longer waits. */
  void taskCompleted(UUID logId) {
    correlate(logId, MESSAGE_FOLLOW_UP_TASK_COMPLETED);
  }

  /** The follow-up was cancelled (its task cancelled, or a user closed it). */
  void cancelled(UUID logId) {
    correlate(logId, MESSAGE_FOLLOW_UP_CANCELLED);
  }

  /** Ends the instance without running further steps. */
  void stop(UUID logId, String reason) {
    instance(logId).ifPresent(pi -> runtimeService.deleteProcessInstance(pi.getId(), reason, false, true));
  }

  public Optional<ProcessInstance> instance(UUID logId) {
    return Optional.ofNullable(
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(logId.toString())
            .singleResult());
  }

  private void correlate(UUID logId, String message) {
    instance(logId)
        .ifPresent(
            pi -> runtimeService.createMessageCorrelation(message).processInstanceId(pi.getId()).correlateAllWithResult());
  }

  static UUID logId(VariableScope scope) {
    return UUID.fromString((String) scope.getVariable(Vars.LOG_ID));
  }

  // delegates: thin, the rules live in FollowUps

  /**
   * Creates the follow-up task for the right person, unless the customer replied on the thread
   * before this step ran: then {@code replyLogId} is set and the process links the reply.
   */
  @Component("createFollowUpTask")
  static class CreateFollowUpTask implements JavaDelegate {
    private final FollowUps followUps;

    CreateFollowUpTask(FollowUps followUps) {
      this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
      FollowUps.FirstStep step = followUps.firstStep(logId(execution));
      execution.setVariable(Vars.FOLLOW_UP_TASK_ID, Variables.stringValue(step.taskId() == null ? null : step.taskId().toString()));
      execution.setVariable(Vars.REPLY_LOG_ID, Variables.stringValue(step.replyLogId() == null ? null : step.replyLogId().toString()));
    }
  }

  /** Links the customer's reply and ends the follow-up. */
  @Component("recordCustomerReply")
  static class RecordCustomerReply implements JavaDelegate {
    private final FollowUps followUps;

    RecordCustomerReply(FollowUps followUps) {
      this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
      followUps.recordReply(logId(execution), UUID.fromString((String) execution.getVariable(Vars.REPLY_LOG_ID)));
    }
  }

  /** Ends the follow-up because its task was completed. */
  @Component("recordFollowUpDone")
  static class RecordFollowUpDone implements JavaDelegate {
    private final FollowUps followUps;

    RecordFollowUpDone(FollowUps followUps) {
      this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
      followUps.end(logId(execution), FollowUp.TASK_COMPLETED);
    }
  }

  /** Escalates a follow-up whose deadline passed. */
  @Component("escalateFollowUp")
  static class EscalateFollowUp implements JavaDelegate {
    private final FollowUps followUps;

    EscalateFollowUp(FollowUps followUps) {
      this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
      followUps.escalate(logId(execution));
    }
  }

  /** Ends the follow-up as cancelled. */
  @Component("recordFollowUpCancelled")
  static class RecordFollowUpCancelled implements JavaDelegate {
    private final FollowUps followUps;

    RecordFollowUpCancelled(FollowUps followUps) {
      this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
      followUps.end(logId(execution), FollowUp.CANCELLED);
    }
  }
}
