package com.activityflow.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.activityflow.task.process.TaskLifecycleProcess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Liveness and readiness probes, and the figures an operator scrapes from /actuator/prometheus. */
class MetricsAndProbesTest extends IntegrationTest {

  @Autowired org.camunda.bpm.engine.RuntimeService runtime;

  @Test
  void livenessAndReadinessAreUpWithoutLogin() {
    Response liveness = sendRaw("GET", "/actuator/health/liveness", null, null);
    Response readiness = sendRaw("GET", "/actuator/health/readiness", null, null);
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.text("status")).isEqualTo("UP");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.text("status")).isEqualTo("UP");
  }

  @Test
  void prometheusNeedsAnAdmin() {
    Staff acme = companies.create();
    assertThat(sendRaw("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
    assertThat(sendRaw("GET", "/actuator/prometheus", basic(acme.rep1().username()), null).status()).isEqualTo(403);
  }

  @Test
  void countsCreatedAndEscalatedTasksSentAndFailedNotificationsIngestedMailsAndJobs() {
    Staff acme = companies.create();
    String admin = basic(acme.admin().username());
    String before = scrape(admin);

    // a task due in the past: its overdue timer is due at once
    Instant due = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response created =
        post(
            "/api/tasks",
            tokenFor(acme.rep1()),
            Map.of("task_title", "Metrics demo", "task_type", "demo", "due_date", due.toString()));
    assertThat(created.status()).isEqualTo(201);

    String afterCreation = scrape(admin);
    assertThat(PrometheusText.value(afterCreation, "activityflow_task_creations_total", "company", acme.code()))
        .as(() -> afterCreation.lines().filter(l -> l.contains("activityflow_")).toList() + " for " + acme.code())
        .isEqualTo(1.0);
    assertThat(PrometheusText.value(afterCreation, "camunda_jobs", "state", "due")).isGreaterThanOrEqualTo(1.0);

    // escalate: run the reminder, then the overdue timer (the test engine's job executor is off)
    String instance =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(TaskLifecycleProcess.PROCESS_KEY)
            .processInstanceBusinessKey(created.text("id"))
            .singleResult()
            .getId();
    for (String timer : new String[] {TaskLifecycleProcess.EVENT_REMINDER_DUE, TaskLifecycleProcess.EVENT_TASK_OVERDUE}) {
      Job job = managementService.createJobQuery().processInstanceId(instance).activityId(timer).timers().singleResult();
      managementService.executeJob(job.getId());
    }

    // one mail fails while SMTP is down, then all are delivered
    mail.stop();
    try {
      Job first = managementService.createJobQuery().tenantIdIn(acme.code()).withRetriesLeft().list().stream()
          .filter(j -> j.getProcessDefinitionKey().equals("notification-delivery"))
          .findFirst()
          .orElseThrow();
      assertThatThrownBy(() -> managementService.executeJob(first.getId())).isInstanceOf(RuntimeException.class);
    } finally {
      mail.start();
    }
    deliverNotifications(acme);

    String after = scrape(admin);
    assertThat(PrometheusText.value(after, "activityflow_task_escalations_total", "company", acme.code())).isEqualTo(1.0);
    assertThat(PrometheusText.value(after, "activityflow_notifications_sent_total", "type", "task_escalated"))
        .isGreaterThan(PrometheusText.value(before, "activityflow_notifications_sent_total", "type", "task_escalated"));
    assertThat(PrometheusText.value(after, "activityflow_notifications_sent_total", "type", "task_assigned"))
        .isGreaterThan(PrometheusText.value(before, "activityflow_notifications_sent_total", "type", "task_assigned"));
    assertThat(PrometheusText.sum(after, "activityflow_notifications_failed_total")).isGreaterThan(PrometheusText.sum(before, "activityflow_notifications_failed_total"));
    // the engine's own figures, mirrored as they happen
    assertThat(PrometheusText.value(after, "camunda_root_process_instance_start_total", null, null))
        .isGreaterThan(PrometheusText.value(before, "camunda_root_process_instance_start_total", null, null));
    assertThat(after).contains("camunda_job_successful_total", "camunda_job_failed_total",
        "camunda_job_acquisition_attempt_total", "camunda_jobs{state=\"failed\"}", "camunda_jobs{state=\"waiting\"}",
        "camunda_incidents_open");
  }

  private static String basic(String username) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + username).getBytes(StandardCharsets.UTF_8));
  }

  private String scrape(String authorization) {
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
                      .header("Authorization", authorization)
                      .header("Accept", "text/plain")
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
