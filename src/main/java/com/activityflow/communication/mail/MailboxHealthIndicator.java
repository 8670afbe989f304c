package com.activityflow.communication.mail;

import com.activityflow.communication.mail.MailCaptureConfiguration.MailCaptureProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mailboxes}: {@code DEGRADED} while a mailbox cannot
 * be polled (the failures in a row have reached the alert threshold), with each failing
 * mailbox in the details. Not DOWN: the application still serves everything else, and a load
 * balancer or orchestrator must not take it out of service or restart it over one customer
 * mailbox. {@code DEGRADED} sorts between DOWN and UP and answers HTTP 200
 * ({@code management.endpoint.health.status} in application.yml). Error texts stay in the
 * channel API, which only the company's own users read.
 */
@Component("mailboxes")
class MailboxHealthIndicator implements HealthIndicator {

  static final Status DEGRADED = new Status("DEGRADED", "a mailbox cannot be polled");

  private final MailboxStatus status;
  private final MailCaptureProperties properties;

  MailboxHealthIndicator(MailboxStatus status, MailCaptureProperties properties) {
    this.status = status;
    this.properties = properties;
  }

  @Override
  public Health health() {
    List<MailboxStatus.Mailbox> mailboxes = status.mailboxes();
    int threshold = Math.max(1, properties.alertAfterFailures());
    Map<String, Object> failing = new LinkedHashMap<>();
    for (MailboxStatus.Mailbox m : mailboxes) {
      if (m.consecutivePollFailures() >= threshold) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("channel_id", m.channelId().toString());
        detail.put("failed_polls", m.consecutivePollFailures());
        detail.put("failing_since", String.valueOf(m.lastPollErrorAt()));
        failing.put(m.companyCode() + "/" + m.channelCode(), detail);
      }
    }
    Health.Builder health = failing.isEmpty() ? Health.up() : Health.status(DEGRADED);
    return health.withDetail("mailboxes", mailboxes.size()).withDetail("failing", failing).build();
  }
}
