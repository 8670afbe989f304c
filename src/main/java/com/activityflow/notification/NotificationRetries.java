package com.activityflow.notification;

import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a notification mail that could not be handed to the SMTP server is retried. The send step
 * of {@code bpmn/notification-delivery.bpmn} reads it as {@code ${notificationRetries.cycle}}, so
 * operators change it without touching the model ({@code ACTIVITYFLOW_NOTIFICATIONS_RETRY_CYCLE}).
 *
 * <p>The default backs off from 30 s to an hour (7 retries, about 2 hours in all): a short SMTP
 * outage, such as a mail server restart, is bridged within a minute or two, and only a long one
 * ends as an incident in Cockpit. Camunda's syntax: a list of ISO 8601 durations, one per retry,
 * or {@code R<n>/<duration>}. An invalid value stops the application at start-up rather than at
 * the first failing mail.
 */
@Component("notificationRetries")
public class NotificationRetries {

  public static final String DEFAULT_CYCLE = "PT30S,PT1M,PT2M,PT5M,PT15M,PT30M,PT1H";

  private final String cycle;
  private final List<String> intervals;

  NotificationRetries(@Value("${activityflow.notifications.retry-cycle:" + DEFAULT_CYCLE + "}") String cycle) {
    FailedJobRetryConfiguration parsed = ParseUtil.parseRetryIntervals(cycle.trim());
    if (parsed == null || parsed.getRetries() < 1) {
      throw new IllegalStateException("activityflow.notifications.retry-cycle '" + cycle + "' names no retry");
    }
    for (String interval : parsed.getRetryIntervals()) {
      try {
        new DurationHelper(interval);
      } catch (Exception e) {
        throw new IllegalStateException(
            "activityflow.notifications.retry-cycle: '" + interval + "' is not an ISO 8601 duration or R<n>/<duration>", e);
      }
    }
    this.cycle = cycle.trim();
    this.intervals = List.copyOf(parsed.getRetryIntervals());
  }

  /** The value of {@code camunda:failedJobRetryTimeCycle}. */
  public String getCycle() {
    return cycle;
  }

  /** How many times a failed send is tried again before it becomes an incident. */
  public int retries() {
    return ParseUtil.parseRetryIntervals(cycle).getRetries();
  }

  public List<String> intervals() {
    return intervals;
  }
}
