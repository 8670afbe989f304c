package com.activityflow.notification.webhook;

import com.activityflow.task.TaskEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one outbox row per task event and matching subscription, inside the transaction of the
 * change: a rolled-back change leaves no row (nothing is sent), a committed one cannot lose its
 * row. The dispatcher sends the rows later.
 */
@Component
class WebhookOutbox {

  /** The JSON body a receiver gets; its bytes are what the signature covers. */
  record Payload(UUID id, String type, UUID taskId, UUID companyId, Instant occurredAt, Map<String, Object> data) {}

  private final WebhookSubscriptionRepository subscriptions;
  private final WebhookDeliveryRepository deliveries;
  private final ObjectMapper json;
  private final Clock clock;

  WebhookOutbox(
      WebhookSubscriptionRepository subscriptions,
      WebhookDeliveryRepository deliveries,
      ObjectMapper json,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.json = json;
    this.clock = clock;
  }

  @EventListener
  @Transactional(propagation = Propagation.MANDATORY)
  void record(TaskEvent event) {
    List<WebhookSubscription> matching =
        subscriptions.findByCompanyIdAndActiveTrue(event.companyId()).stream()
            .filter(s -> s.subscribesTo(event.type()))
            .toList();
    if (matching.isEmpty()) {
      return;
    }
    UUID eventId = UUID.randomUUID();
    String body = body(new Payload(eventId, event.type(), event.taskId(), event.companyId(), event.occurredAt(), event.data()));
    Instant now = clock.instant();
    for (WebhookSubscription s : matching) {
      deliveries.save(
          new WebhookDelivery(UUID.randomUUID(), s.getId(), event.companyId(), eventId, event.type(), event.taskId(), body, now));
    }
  }

  private String body(Payload payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize task event " + payload.type(), e);
    }
  }
}
