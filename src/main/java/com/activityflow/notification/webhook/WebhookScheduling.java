package com.activityflow.notification.webhook;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the dispatcher every {@code activityflow.webhooks.dispatcher.poll-interval} on every node
 * (the claim query keeps nodes apart). {@code activityflow.webhooks.dispatcher.enabled=false}
 * turns it off, e.g. in tests, which call {@link WebhookDispatcher#dispatchDue} themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookScheduling {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "activityflow.webhooks.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
  static class ScheduledDispatch {

    private final WebhookDispatcher dispatcher;

    ScheduledDispatch(WebhookDispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${activityflow.webhooks.dispatcher.poll-interval:PT5S}")
    void dispatch() {
      dispatcher.dispatchDue();
    }
  }
}
