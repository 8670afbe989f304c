package com.activityflow.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;

/**
 * N tasks become overdue at the same moment: time until every one is escalated (priority
 * raised, history written, team lead notified: the notification-delivery process has sent its
 * mail), against the job executor running N bare timers (start → timer → end) due at once.
 *
 * <p>The tasks are created through the API with a due date a minute ago, so their reminders
 * fire right away (and are drained before the measurement) and their escalation timers wait
 * for escalateAt = due + escalationDelay (a day for normal priority). "The same moment" is
 * then made by setting those timers' due date to now in one UPDATE, the same for the bare
 * timers, and waking the job executor as the engine does for a new due job.
 */
final class EscalationScenario implements Scenario {

  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  @Override
  public String name() {
    return "escalation";
  }

  @Override
  public void run(BenchApp app, Knobs knobs, Results results) throws Exception {
    String token = app.token("manager1", "manager1");
    List<String> customers = app.acmeCustomerIds();
    RuntimeService runtime = app.engine.getRuntimeService();
    int n = knobs.escalationTasks();
    List<Double> appSeconds = new ArrayList<>();
    List<Double> bareSeconds = new ArrayList<>();
    for (int run = 0; run < knobs.runs(); run++) {
      String marker = "Escalation run " + run + " ";
      Load.run(4, n, i -> {
        Map<String, Object> body = new LinkedHashMap<>(CreationScenario.body(i, customers));
        body.put("task_title", marker + i);
        body.put("task_type", "meeting");
        body.put("due_date", Instant.now().minus(Duration.ofMinutes(1)).toString());
        app.call("POST", "/api/tasks", token, body, 201);
      });
      waitFor("the reminders of run " + run, () -> overdueTimers(app, "Event_TaskOverdue") == n && dueJobs(app) == 0);
      int expectedMails = app.jdbc.queryForObject(
          "select count(*) from tasks t join teams tm on tm.id = t.team_id"
              + " where t.task_title like ? and tm.lead_user_id is not null", Integer.class, marker + "%");
      app.mail.purgeEmailFromAllMailboxes();
      Timestamp since = app.jdbc.queryForObject("select now()", Timestamp.class);
      long began = System.nanoTime();
      int due = makeDue(app, "Event_TaskOverdue");
      waitFor("escalation run " + run, () -> escalated(app, marker) == n && notificationsSent(app, since) >= expectedMails);
      appSeconds.add((System.nanoTime() - began) / 1e9);
      if (due != n || app.mail.getReceivedMessages().length < expectedMails) {
        throw new IllegalStateException("escalation run " + run + ": " + due + " timers, "
            + app.mail.getReceivedMessages().length + " mails, expected " + n + " and " + expectedMails);
      }

      Load.run(4, n, i -> runtime.startProcessInstanceByKey(
          BareModels.TIMER_PROCESS, Variables.createVariables().putValue("tenantId", "acme")));
      long bareBegan = System.nanoTime();
      makeDue(app, BareModels.TIMER_EVENT);
      waitFor("bare timers run " + run,
          () -> runtime.createProcessInstanceQuery().processDefinitionKey(BareModels.TIMER_PROCESS).count() == 0);
      bareSeconds.add((System.nanoTime() - bareBegan) / 1e9);
    }
    Figure appTime = Figure.of(appSeconds);
    Figure bareTime = Figure.of(bareSeconds);
    Figure appRate = Figure.of(appSeconds.stream().map(s -> n / s).toList());
    Figure bareRate = Figure.of(bareSeconds.stream().map(s -> n / s).toList());
    String scenario = "escalation of " + n + " tasks overdue at once";
    results.add(new Results.Row(scenario, "time until all escalated and notified", "s", appTime,
        "bare no-op timers", bareTime, null, null, null));
    results.add(new Results.Row(scenario, "throughput", "escalations/s", appRate, "bare no-op timers", bareRate,
        ">= 70% of bare", appRate.median() / bareRate.median() >= 0.7,
        "job executor: max jobs per acquisition " + app.engineConfiguration().getJobExecutor().getMaxJobsPerAcquisition()
            + ", idle wait " + app.engineConfiguration().getJobExecutor().getWaitTimeInMillis() + " ms"));
  }

  private static int overdueTimers(BenchApp app, String activityId) {
    return app.jdbc.queryForObject(
        "select count(*) from act_ru_job where handler_type_ = 'timer-intermediate-transition' and handler_cfg_ like ?",
        Integer.class, activityId + "%");
  }

  /** Jobs the executor would run now (reminders, mails), failed ones without retries aside. */
  private static int dueJobs(BenchApp app) {
    return app.jdbc.queryForObject(
        "select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
            + " and (duedate_ is null or duedate_ <= now())", Integer.class);
  }

  private static int makeDue(BenchApp app, String activityId) {
    int updated = app.jdbc.update(
        "update act_ru_job set duedate_ = now() where handler_type_ = 'timer-intermediate-transition' and handler_cfg_ like ?",
        activityId + "%");
    app.hintJobExecutor();
    return updated;
  }

  private static int escalated(BenchApp app, String marker) {
    return app.jdbc.queryForObject(
        "select count(*) from tasks where task_title like ? and escalated_at is not null", Integer.class, marker + "%");
  }

  private static int notificationsSent(BenchApp app, Timestamp since) {
    return app.jdbc.queryForObject(
        "select count(*) from act_hi_procinst where proc_def_key_ = 'notification-delivery'"
            + " and end_time_ is not null and start_time_ >= ?", Integer.class, since);
  }

  private static void waitFor(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + what + " after " + TIMEOUT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
