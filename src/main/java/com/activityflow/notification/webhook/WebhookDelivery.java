package com.activityflow.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event for one subscription: an outbox row while pending, the delivery log afterwards. */
@Entity
@Table(name = "webhook_deliveries")
class WebhookDelivery {

  static final String PENDING = "pending";
  static final String DELIVERED = "delivered";

  @Id private UUID id;

  @Column(insertable = false, updatable = false)
  private Long seq;

  @Column(name = "subscription_id", nullable = false)
  private UUID subscriptionId;

  @Column(name = "company_id", nullable = false)
  private UUID companyId;

  @Column(name = "event_id", nullable = false)
  private UUID eventId;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  @Column(name = "task_id", nullable = false)
  private UUID taskId;

  @Column(nullable = false)
  private String payload;

  @Column(nullable = false)
  private String status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "last_attempt_at")
  private Instant lastAttemptAt;

  @Column(name = "last_status_code")
  private Integer lastStatusCode;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "delivered_at")
  private Instant deliveredAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected WebhookDelivery() {}

  WebhookDelivery(
      UUID id, UUID subscriptionId, UUID companyId, UUID eventId, String eventType, UUID taskId, String payload, Instant now) {
    this.id = id;
    this.subscriptionId = subscriptionId;
    this.companyId = companyId;
    this.eventId = eventId;
    this.eventType = eventType;
    this.taskId = taskId;
    this.payload = payload;
    this.status = PENDING;
    this.nextAttemptAt = now;
    this.createdAt = now;
  }

  void delivered(int statusCode, Instant at) {
    attempts++;
    lastAttemptAt = at;
    lastStatusCode = statusCode;
    lastError = null;
    deliveredAt = at;
    status = DELIVERED;
  }

  void failed(Integer statusCode, String error, Instant at, Instant retryAt) {
    attempts++;
    lastAttemptAt = at;
    lastStatusCode = statusCode;
    lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
    nextAttemptAt = retryAt;
  }

  UUID getId() {
    return id;
  }

  Long getSeq() {
    return seq;
  }

  UUID getSubscriptionId() {
    return subscriptionId;
  }

  UUID getEventId() {
    return eventId;
  }

  String getEventType() {
    return eventType;
  }

  UUID getTaskId() {
    return taskId;
  }

  String getPayload() {
    return payload;
  }

  String getStatus() {
    return status;
  }

  int getAttempts() {
    return attempts;
  }

  Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  Instant getLastAttemptAt() {
    return lastAttemptAt;
  }

  Integer getLastStatusCode() {
    return lastStatusCode;
  }

  String getLastError() {
    return lastError;
  }

  Instant getDeliveredAt() {
    return deliveredAt;
  }

  Instant getCreatedAt() {
    return createdAt;
  }
}
