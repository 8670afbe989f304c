package com.activityflow.notification.webhook;

import com.activityflow.communication.CommunicationEvent;
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

  /** The body of a communication event. */
  record CommunicationPayload(
      UUID id, String type, UUID communicationLogId, UUID companyId, Instant occurredAt, Map<String, Object> data) {}

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
    UUID eventId = UUID.randomUUID();
    record(event.companyId(), event.type(), event.taskId(),
        () -> body(new Payload(eventId, event.type(), event.taskId(), event.companyId(), event.occurredAt(), event.data())), eventId);
  }

  @EventListener
  @Transactional(propagation = Propagation.MANDATORY)
  void record(CommunicationEvent event) {
    UUID eventId = UUID.randomUUID();
    record(event.companyId(), event.type(), event.communicationLogId(),
        () -> body(new CommunicationPayload(eventId, event.type(), event.communicationLogId(), event.companyId(), event.occurredAt(), event.data())),
        eventId);
  }

  /** One row per matching subscription; rows of one subject (task, log) go out in order. */
  private void record(UUID companyId, String type, UUID subjectId, java.util.function.Supplier<String> body, UUID eventId) {
    List<WebhookSubscription> matching =
        subscriptions.findByCompanyIdAndActiveTrue(companyId).stream().filter(s -> s.subscribesTo(type)).toList();
    if (matching.isEmpty()) {
      return;
    }
    String json = body.get();
    Instant now = clock.instant();
    for (WebhookSubscription s : matching) {
      deliveries.save(new WebhookDelivery(UUID.randomUUID(), s.getId(), companyId, eventId, type, subjectId, json, now));
    }
  }

  private String body(Object payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize event " + payload, e);
    }
  }
}
