package com.activityflow.notification.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param secretKey the key (any length, hashed to AES-256) that encrypts the signing secrets at
 *     rest; creating a webhook is refused while it is not set
 * @param dispatcher whether this node runs the scheduled dispatcher, how often and how much at once
 * @param initialBackoff wait after the first failed attempt; doubled after each further failure
 * @param maxBackoff the longest wait between attempts
 * @param requestTimeout how long one POST to a receiver may take
 */
@ConfigurationProperties("activityflow.webhooks")
record WebhookProperties(
    @DefaultValue("") String secretKey,
    @DefaultValue Dispatcher dispatcher,
    @DefaultValue("PT10S") Duration initialBackoff,
    @DefaultValue("PT1H") Duration maxBackoff,
    @DefaultValue("PT10S") Duration requestTimeout) {

  record Dispatcher(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("PT5S") Duration pollInterval,
      @DefaultValue("20") int batchSize) {}

  Duration backoffAfter(int failedAttempts) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
