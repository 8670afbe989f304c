package com.activityflow.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The product's own counters, exported at {@code /actuator/prometheus} (names there carry the
 * {@code _total} suffix). Modules call these one-liners where the thing happens:
 *
 * <ul>
 *   <li>{@code activityflow_task_creations_total{company}} and
 *       {@code activityflow_task_escalations_total{company}} count when the change commits, so a
 *       rolled-back request or a retried job is not counted;
 *   <li>{@code activityflow_notifications_sent_total{type}} and
 *       {@code activityflow_notifications_failed_total{type}} count each attempt to hand a mail to
 *       the SMTP server as it happens (a failed attempt is retried; see NotificationRetries);
 *   <li>{@code activityflow_emails_ingested_total{company}} counts inbound mails stored as
 *       communication logs, when the storing transaction commits.
 * </ul>
 *
 * Company tags are company codes (= Camunda tenant ids).
 */
@Component
public class ActivityMetrics {

  private final MeterRegistry registry;

  ActivityMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void taskCreated(String companyCode) {
    afterCommit(counter("activityflow.task.creations", "Tasks created", "company", companyCode));
  }

  public void taskEscalated(String companyCode) {
    afterCommit(counter("activityflow.task.escalations", "Overdue tasks escalated", "company", companyCode));
  }

  public void emailIngested(String companyCode) {
    afterCommit(counter("activityflow.emails.ingested", "Inbound e-mails stored as communication logs", "company", companyCode));
  }

  public void notificationSent(String type) {
    counter("activityflow.notifications.sent", "Notification mails accepted by the SMTP server", "type", type).increment();
  }

  public void notificationFailed(String type) {
    counter("activityflow.notifications.failed", "Attempts to send a notification mail that failed", "type", type)
        .increment();
  }

  private Counter counter(String name, String description, String tag, String value) {
    return Counter.builder(name).description(description).tag(tag, value == null ? "none" : value).register(registry);
  }

  private static void afterCommit(Counter counter) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              counter.increment();
            }
          });
    } else {
      counter.increment();
    }
  }
}
