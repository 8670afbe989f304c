package com.activityflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.activityflow.directory.domain.AppUserRepository;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code bpmn/notification-delivery.bpmn}: sent after commit, retried, an incident when retries run out. */
class NotificationDeliveryTest extends IntegrationTest {

  @Autowired NotificationService notifications;
  @Autowired AppUserRepository users;
  @Autowired TransactionTemplate tx;
  @Autowired RuntimeService runtimeService;
  @Autowired NotificationRetries retries;

  private List<Job> jobsOf(Staff company) {
    return managementService
        .createJobQuery()
        .processDefinitionKey(NotificationDeliveryProcess.PROCESS_KEY)
        .tenantIdIn(company.code())
        .list();
  }

  @Test
  void anSmtpOutageNeitherFailsTheRequestNorLosesTheMail() {
    Staff acme = companies.create();
    String rep1 = tokenFor(acme.rep1());
    mail.stop();
    try {
      Response created = post("/api/tasks", rep1, Map.of("task_title", "Demo while mail is down", "task_type", "demo"));
      assertThat(created.status()).isEqualTo(201);
      Job job = jobsOf(acme).get(0);
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("Mail");
      Job retried = managementService.createJobQuery().jobId(job.getId()).singleResult();
      // the configured cycle, by default: again in 30 s, then pauses growing up to an hour
      assertThat(retries.getCycle()).isEqualTo(NotificationRetries.DEFAULT_CYCLE);
      assertThat(retried.getRetries()).isEqualTo(retries.retries() - 1);
      assertThat(retried.getDuedate()).isCloseTo(
          java.util.Date.from(java.time.Instant.now().plusSeconds(30)), 10_000);
      assertThat(retried.getExceptionMessage()).isNotBlank();
    } finally {
      mail.start();
    }
    deliverNotifications(acme);
    assertThat(mailsTo(acme.rep2().email()))
        .anySatisfy(m -> assertThat(subjectOf(m)).contains("Task assigned to you: Demo while mail is down"));
    assertThat(jobsOf(acme)).isEmpty();
  }

  @Test
  void aMailThatKeepsFailingBecomesAnIncident() {
    Staff acme = companies.create();
    tx.executeWithoutResult(
        s -> users.findById(acme.rep3().id()).orElseThrow().setEmail("no address at all"));
    tx.executeWithoutResult(s -> notifications.queue(NotificationType.TASK_REMINDER, UUID.randomUUID(), acme.rep3().id()));

    Job job = jobsOf(acme).get(0);
    for (int attempt = 0; attempt < retries.retries(); attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    }

    Incident incident =
        runtimeService.createIncidentQuery()
            .processInstanceId(job.getProcessInstanceId())
            .singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getActivityId()).isEqualTo(NotificationDeliveryProcess.TASK_SEND_EMAIL);
  }

  @Test
  void nothingIsSentForARolledBackChange() {
    Staff acme = companies.create();
    tx.executeWithoutResult(
        status -> {
          notifications.queue(NotificationType.TASK_REMINDER, UUID.randomUUID(), acme.rep1().id());
          status.setRollbackOnly();
        });
    assertThat(jobsOf(acme)).isEmpty();
  }
}
