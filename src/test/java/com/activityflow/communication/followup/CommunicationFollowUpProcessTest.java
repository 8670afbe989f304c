package com.activityflow.communication.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every path of {@code bpmn/communication-follow-up.bpmn} through the real API, triage table,
 * engine, task module and database: the customer replies, the task is completed, the deadline
 * passes (escalation), the task is cancelled.
 */
class CommunicationFollowUpProcessTest extends IntegrationTest {

  private static final String ANGRY =
      "I am extremely disappointed. This is the third time the invoice is wrong and nobody answered my emails. "
          + "The service is terrible!";
  private static final String UNHAPPY = "The delivery was delayed and the invoice has a small mistake.";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ChannelConfigurationRepository channels;
  @Autowired TransactionTemplate tx;

  Staff acme;
  String rep1;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
  }

  private Map<String, Object> mail(String subject, String content, String direction) {
    Map<String, Object> body = new HashMap<>();
    body.put("communication_type", "email");
    body.put("channel", "email");
    body.put("direction", direction);
    body.put("subject", subject);
    body.put("start_time", Instant.now().toString());
    body.put("content", content);
    body.put("customer_id", acme.platinumCustomerId().toString());
    body.put("from_address", "jane@platinum.example");
    body.put("to_addresses", List.of("support@acme.example"));
    return body;
  }

  private JsonNode log(Map<String, Object> body) {
    Response r = post("/api/communication-logs", rep1, body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.body();
  }

  private JsonNode reload(JsonNode log) {
    return get("/api/communication-logs/" + log.get("id").asText(), rep1).body();
  }

  private JsonNode followUp(JsonNode log) {
    Response r = get("/api/communication-logs/" + log.get("id").asText() + "/follow-up", rep1);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body();
  }

  private ProcessInstance instanceOf(JsonNode log) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(CommunicationFollowUpProcess.PROCESS_KEY)
        .processInstanceBusinessKey(log.get("id").asText())
        .singleResult();
  }

  private String processInstanceIdOf(JsonNode log) {
    return followUp(log).get("process_instance_id").asText();
  }

  private void executeJobsOf(String processInstanceId) {
    for (Job job : managementService.createJobQuery().processInstanceId(processInstanceId).executable().list()) {
      managementService.executeJob(job.getId());
    }
  }

  /** A complaint whose follow-up task has been created; the process waits for the reply. */
  private JsonNode complaintAwaitingReply(String content) {
    JsonNode log = log(mail("Wrong invoice again", content, "inbound"));
    ProcessInstance pi = instanceOf(log);
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_CREATE_FOLLOW_UP_TASK);
    executeJobsOf(pi.getId());
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY);
    return log;
  }

  private JsonNode task(JsonNode followUp) {
    Response r = get("/api/tasks/" + followUp.get("task_id").asText(), tokenFor(acme.manager()));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body();
  }

  @Test
  void aVeryNegativeMailFromAPlatinumCustomerGetsAnUrgentFollowUpThatTheReplyEnds() {
    JsonNode log = log(mail("Wrong invoice again", ANGRY, "inbound"));
    assertThat(log.get("sentiment").asText()).isEqualTo("very_negative");
    assertThat(log.get("sentiment_score").asDouble()).isLessThanOrEqualTo(-0.5);
    assertThat(log.get("priority").asText()).isEqualTo("urgent");
    assertThat(log.get("requires_follow_up").asBoolean()).isTrue();
    assertThat(log.get("follow_up_status").asText()).isEqualTo("pending");
    assertThat(log.toString()).contains("complaint").contains("invoice");
    Instant due = Instant.parse(log.get("follow_up_date").asText());
    assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofHours(3), Duration.ofHours(4));

    ProcessInstance pi = instanceOf(log);
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_CREATE_FOLLOW_UP_TASK);
    assertThat(pi.getTenantId()).isEqualTo(acme.code());
    executeJobsOf(pi.getId());
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY);

    JsonNode followUp = followUp(log);
    JsonNode task = task(followUp);
    assertThat(task.get("task_type").asText()).isEqualTo("follow_up");
    assertThat(task.get("task_title").asText()).isEqualTo("Follow up: Wrong invoice again");
    assertThat(task.get("assigned_to_user_id").asText()).isEqualTo(acme.rep1().id().toString());
    assertThat(task.get("priority").asText()).isEqualTo("urgent");
    assertThat(Instant.parse(task.get("due_date").asText())).isEqualTo(due);
    assertThat(reload(log).get("follow_up_status").asText()).isEqualTo("in_progress");
    JsonNode detail = get("/api/communication-logs/" + log.get("id").asText() + "?include_follow_up=true", rep1).body();
    assertThat(detail.get("follow_up").get("task_id").asText()).isEqualTo(followUp.get("task_id").asText());
    assertThat(detail.get("follow_up").get("process_instance_id").asText()).isEqualTo(pi.getId());

    Map<String, Object> reply = mail("Re: Wrong invoice again", "Thanks, the corrected invoice arrived today.", "inbound");
    reply.put("thread_id", log.get("thread_id").asText());
    JsonNode replyLog = log(reply);
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_RECORD_CUSTOMER_REPLY);
    assertThat(instanceOf(replyLog)).as("a friendly reply needs no follow-up of its own").isNull();
    executeJobsOf(pi.getId());

    assertThat(pi).isEnded().hasPassed(CommunicationFollowUpProcess.END_CUSTOMER_REPLIED);
    JsonNode ended = followUp(log);
    assertThat(ended.get("outcome").asText()).isEqualTo("replied");
    assertThat(ended.get("reply_log_id").asText()).isEqualTo(replyLog.get("id").asText());
    assertThat(reload(log).get("follow_up_status").asText()).isEqualTo("completed");
    assertThat(task(ended).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void aReplyLoggedBeforeTheFirstStepRanEndsTheFollowUpWithoutATask() {
    JsonNode log = log(mail("Wrong invoice again", ANGRY, "inbound"));
    ProcessInstance pi = instanceOf(log);
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_CREATE_FOLLOW_UP_TASK);

    // the reply comes in while the first step's job has not run: no receive task waits yet
    Map<String, Object> reply = mail("Re: Wrong invoice again", "Thanks, the corrected invoice arrived today.", "inbound");
    reply.put("thread_id", log.get("thread_id").asText());
    JsonNode replyLog = log(reply);
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_CREATE_FOLLOW_UP_TASK);

    executeJobsOf(pi.getId());
    assertThat(pi)
        .hasPassed(CommunicationFollowUpProcess.GATEWAY_ALREADY_REPLIED)
        .hasNotPassed(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY)
        .isWaitingAt(CommunicationFollowUpProcess.TASK_RECORD_CUSTOMER_REPLY);
    executeJobsOf(pi.getId());

    assertThat(pi).isEnded().hasPassed(CommunicationFollowUpProcess.END_CUSTOMER_REPLIED);
    JsonNode ended = followUp(log);
    assertThat(ended.get("outcome").asText()).isEqualTo("replied");
    assertThat(ended.get("reply_log_id").asText()).isEqualTo(replyLog.get("id").asText());
    assertThat(ended.hasNonNull("task_id")).as("nobody needs to follow up an answered mail").isFalse();
    JsonNode detail = get("/api/communication-logs/" + log.get("id").asText() + "?include_follow_up=true", rep1).body();
    assertThat(detail.get("follow_up_status").asText()).isEqualTo("completed");
    assertThat(detail.get("follow_up").get("process_instance_id").asText()).isEqualTo(pi.getId());
  }

  @Test
  void aMessageFromBeforeTheFollowUpStartedIsNoReplyToIt() {
    JsonNode log = log(mail("Brochure", "Could you send me the brochure please?", "inbound"));
    Map<String, Object> earlier = mail("Re: Brochure", "The printed one, if you have it.", "inbound");
    earlier.put("thread_id", log.get("thread_id").asText());
    log(earlier);
    Response required = put("/api/communication-logs/" + log.get("id").asText(), rep1, Map.of("version", 0, "requires_follow_up", true));
    assertThat(required.status()).as(required.body().toString()).isEqualTo(200);

    ProcessInstance pi = instanceOf(log);
    executeJobsOf(pi.getId());
    assertThat(pi).hasPassed(CommunicationFollowUpProcess.GATEWAY_ALREADY_REPLIED).isWaitingAt(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY);
    assertThat(followUp(log).hasNonNull("task_id")).isTrue();
  }

  @Test
  void completingTheFollowUpTaskEndsTheWait() {
    JsonNode log = complaintAwaitingReply(ANGRY);
    ProcessInstance pi = instanceOf(log);
    JsonNode task = task(followUp(log));

    Response done =
        put("/api/tasks/" + task.get("id").asText(), rep1, Map.of("version", task.get("version").asLong(), "status", "completed"));
    assertThat(done.status()).as(done.body().toString()).isEqualTo(200);

    assertThat(pi).isEnded().hasPassed(CommunicationFollowUpProcess.END_FOLLOW_UP_TASK_COMPLETED);
    assertThat(followUp(log).get("outcome").asText()).isEqualTo("task_completed");
    assertThat(reload(log).get("follow_up_status").asText()).isEqualTo("completed");
  }

  @Test
  void noReplyByTheDeadlineEscalatesToTheTeamLeadAndRaisesThePriority() {
    JsonNode log = complaintAwaitingReply(UNHAPPY);
    assertThat(log.get("sentiment").asText()).isEqualTo("negative");
    assertThat(log.get("priority").asText()).isEqualTo("high"); // rule 3: negative, platinum
    ProcessInstance pi = instanceOf(log);

    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    assertThat(timer.getDuedate().toInstant()).isEqualTo(Instant.parse(reload(log).get("follow_up_date").asText()));
    managementService.executeJob(timer.getId());

    assertThat(pi).hasPassed(CommunicationFollowUpProcess.END_FOLLOW_UP_ESCALATED)
        .isWaitingAt(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY);
    JsonNode escalated = reload(log);
    assertThat(escalated.get("priority").asText()).isEqualTo("urgent");
    assertThat(escalated.get("follow_up_status").asText()).isEqualTo("escalated");
    JsonNode followUp = followUp(log);
    assertThat(followUp.get("escalated_at").isNull()).isFalse();
    assertThat(task(followUp).get("priority").asText()).isEqualTo("urgent");

    deliverNotifications(acme);
    assertThat(mailsTo(acme.lead().email())).extracting(IntegrationTest::subjectOf)
        .contains("[Activity Flow] Follow-up overdue: Wrong invoice again");
    Response inbox = get("/api/notifications", tokenFor(acme.lead()));
    assertThat(inbox.body().toString()).contains("Customer still waiting for a follow-up: Wrong invoice again");

    // the wait goes on: a late reply still ends it
    Map<String, Object> reply = mail("Re: Wrong invoice again", "Here is the order number you asked for.", "inbound");
    reply.put("thread_id", log.get("thread_id").asText());
    log(reply);
    executeJobsOf(pi.getId());
    assertThat(pi).isEnded().hasPassed(CommunicationFollowUpProcess.END_CUSTOMER_REPLIED);
  }

  @Test
  void cancellingTheFollowUpTaskCancelsTheFollowUpAndAllowsDeletion() {
    JsonNode log = complaintAwaitingReply(ANGRY);
    ProcessInstance pi = instanceOf(log);
    String manager = tokenFor(acme.manager());

    Response refused = delete("/api/communication-logs/" + log.get("id").asText(), manager);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().toString()).contains("follow_up_active");

    JsonNode task = task(followUp(log));
    Response cancelled =
        put("/api/tasks/" + task.get("id").asText(), rep1, Map.of("version", task.get("version").asLong(), "status", "cancelled", "status_comment", "Customer withdrew"));
    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);

    assertThat(pi).isEnded().hasPassed(CommunicationFollowUpProcess.END_FOLLOW_UP_CANCELLED);
    assertThat(reload(log).get("follow_up_status").asText()).isEqualTo("cancelled");
    assertThat(delete("/api/communication-logs/" + log.get("id").asText(), manager).status()).isEqualTo(204);
  }

  @Test
  void aUserClosingTheFollowUpOnTheLogCancelsIt() {
    JsonNode log = complaintAwaitingReply(ANGRY);
    ProcessInstance pi = instanceOf(log);
    JsonNode current = reload(log);
    Response closed = put("/api/communication-logs/" + log.get("id").asText(), rep1,
        Map.of("version", current.get("version").asLong(), "requires_follow_up", false));
    assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
    assertThat(closed.body().get("follow_up_status").asText()).isEqualTo("cancelled");
    assertThat(pi).isEnded().hasPassed(CommunicationFollowUpProcess.END_FOLLOW_UP_CANCELLED);
    assertThat(followUp(log).get("outcome").asText()).isEqualTo("cancelled");
    assertThat(reload(log).get("version").asLong()).isEqualTo(closed.body().get("version").asLong());
  }

  @Test
  void aUserRequiringAFollowUpLaterStartsIt() {
    JsonNode log = log(mail("Brochure", "Could you send me the brochure please?", "inbound"));
    assertThat(log.get("requires_follow_up").asBoolean()).isFalse();
    assertThat(log.get("version").asLong()).isZero();
    Response required = put("/api/communication-logs/" + log.get("id").asText(), rep1,
        Map.of("version", 0, "requires_follow_up", true, "follow_up_assigned_to", acme.rep3().id().toString()));
    assertThat(required.status()).as(required.body().toString()).isEqualTo(200);
    assertThat(required.body().get("follow_up_status").asText()).isEqualTo("pending");
    ProcessInstance pi = instanceOf(log);
    executeJobsOf(pi.getId());
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY);
    JsonNode followUp = followUp(log);
    assertThat(followUp.get("reason").asText()).isEqualTo("requested by " + acme.rep1().username());
    assertThat(task(followUp).get("assigned_to_user_id").asText()).isEqualTo(acme.rep3().id().toString());
  }

  @Test
  void aReplyOnAnotherThreadDoesNotEndTheWait() {
    JsonNode log = complaintAwaitingReply(ANGRY);
    log(mail("Another topic", "Could you send me the brochure please?", "inbound"));
    assertThat(instanceOf(log)).isWaitingAt(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY);
  }

  @Test
  void anOfferMailedToTheCustomerWaitsForTheAnswer() {
    JsonNode offer = log(mail("Your quote", "Please find attached our quote for the upgrade we discussed.", "outbound"));
    assertThat(offer.get("requires_follow_up").asBoolean()).isTrue();
    ProcessInstance pi = instanceOf(offer);
    executeJobsOf(pi.getId());
    assertThat(reload(offer).get("follow_up_status").asText()).isEqualTo("awaiting_reply");

    // our own second mail on the thread is no reply
    Map<String, Object> reminder = mail("Re: Your quote", "Just checking whether the quote arrived well.", "outbound");
    reminder.put("thread_id", offer.get("thread_id").asText());
    log(reminder);
    assertThat(pi).isWaitingAt(CommunicationFollowUpProcess.TASK_AWAIT_CUSTOMER_REPLY);
  }

  @Test
  void aFollowUpRequestedByTheUserGoesToTheNamedPersonAtTheGivenDate() {
    Instant date = Instant.now().plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Map<String, Object> body = mail("Brochure", "Could you send me the brochure please?", "inbound");
    body.put("requires_follow_up", true);
    body.put("follow_up_assigned_to", acme.rep2().id().toString());
    body.put("follow_up_date", date.toString());
    JsonNode log = log(body);
    ProcessInstance pi = instanceOf(log);
    executeJobsOf(pi.getId());

    JsonNode followUp = followUp(log);
    assertThat(followUp.get("reason").asText()).isEqualTo("requested when the communication was logged");
    assertThat(Instant.parse(followUp.get("due_at").asText())).isEqualTo(date);
    assertThat(task(followUp).get("assigned_to_user_id").asText()).isEqualTo(acme.rep2().id().toString());
  }

  @Test
  void aChannelWithoutAnalysisStoresNoSentimentTopicsOrCategory() {
    tx.executeWithoutResult(s -> {
      ChannelConfiguration email = channels.findByCompanyIdAndChannelCode(acme.companyId(), "email").orElseThrow();
      email.configure(true, false, false, null, null, false, false, false);
    });
    JsonNode log = log(mail("Wrong invoice again", ANGRY, "inbound"));
    assertThat(log.get("sentiment").isNull()).isTrue();
    assertThat(log.get("sentiment_score").isNull()).isTrue();
    assertThat(log.get("key_topics")).isEmpty();
    assertThat(log.get("requires_follow_up").asBoolean()).isFalse();
    assertThat(instanceOf(log)).isNull();
  }

  @Test
  void triageKeepsASentimentGivenByHand() {
    Map<String, Object> body = mail("Praise", "Thank you, the onboarding went wonderfully well!", "inbound");
    body.put("sentiment", "negative");
    body.put("sentiment_score", -0.3);
    JsonNode log = log(body);
    assertThat(log.get("sentiment").asText()).isEqualTo("negative");
    assertThat(log.get("sentiment_score").asDouble()).isEqualTo(-0.3);
    assertThat(log.get("requires_follow_up").asBoolean()).isTrue(); // rule 3 trusts the person
    assertThat(processInstanceIdOf(log)).isEqualTo(instanceOf(log).getId());
  }
}
