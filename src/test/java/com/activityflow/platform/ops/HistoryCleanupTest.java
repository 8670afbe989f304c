package com.activityflow.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.notification.NotificationDeliveryProcess;
import com.activityflow.notification.NotificationService;
import com.activityflow.notification.NotificationType;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * History cleanup as configured in application.yml: removal-time based (start + the model's time
 * to live of 180 days), scheduled in the nightly batch window. The engine clock is moved instead
 * of waiting half a year, and the cleanup job is run directly (the test engine's job executor is off).
 */
class HistoryCleanupTest extends IntegrationTest {

  @Autowired HistoryService history;
  @Autowired ProcessEngine engine;
  @Autowired NotificationService notifications;
  @Autowired TransactionTemplate tx;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theCleanupIsScheduledInTheNightlyBatchWindow() {
    ProcessEngineConfigurationImpl engineConfiguration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    assertThat(engineConfiguration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");

    List<Job> cleanupJobs = history.findHistoryCleanupJobs();
    assertThat(cleanupJobs).isNotEmpty();
    LocalTime due = cleanupJobs.get(0).getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
    // due at the window's start, or (rescheduled after a run) somewhere inside the window
    assertThat(due.isAfter(LocalTime.of(21, 59)) || due.isBefore(LocalTime.of(6, 0))).as("due at %s", due).isTrue();
  }

  @Test
  void removesFinishedInstancesOnceTheirTimeToLiveHasPassedAndKeepsYoungerOnes() {
    Staff acme = companies.create();
    Instant now = Instant.now();

    String old = finishedNotification(acme);
    ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(100))));
    String younger = finishedNotification(acme);
    assertThat(removalTime(old)).isEqualTo(startTime(old).plus(Duration.ofDays(180)));

    // 181 days later: the first instance is past its removal time, the second is not
    ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(181))));
    Job cleanup = history.cleanUpHistoryAsync(true);
    for (int run = 0; run < 200 && historic(old) != null; run++) {
      // each run removes one batch (of every instance due, from all tests so far) and schedules the next
      List<Job> jobs = history.findHistoryCleanupJobs();
      managementService.executeJob(jobs.isEmpty() ? cleanup.getId() : jobs.get(0).getId());
    }

    assertThat(historic(old)).isNull();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(old).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(old).count()).isZero();
    assertThat(historic(younger)).isNotNull();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(younger).count()).isPositive();
  }

  /** A notification-delivery instance that ran to its end: its id. */
  private String finishedNotification(Staff company) {
    tx.executeWithoutResult(s -> notifications.queue(NotificationType.TASK_REMINDER, UUID.randomUUID(), company.rep1().id()));
    Job send =
        managementService
            .createJobQuery()
            .processDefinitionKey(NotificationDeliveryProcess.PROCESS_KEY)
            .tenantIdIn(company.code())
            .singleResult();
    managementService.executeJob(send.getId());
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(send.getProcessInstanceId()).singleResult();
    assertThat(instance.getEndTime()).isNotNull();
    return instance.getId();
  }

  private HistoricProcessInstance historic(String id) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private Instant removalTime(String id) {
    return historic(id).getRemovalTime().toInstant();
  }

  private Instant startTime(String id) {
    return historic(id).getStartTime().toInstant();
  }
}
