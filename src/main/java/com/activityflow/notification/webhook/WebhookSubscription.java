package com.activityflow.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A company's receiver of task events. */
@Entity
@Table(name = "webhook_subscriptions")
class WebhookSubscription {

  @Id private UUID id;

  @Column(name = "company_id", nullable = false)
  private UUID companyId;

  @Column(nullable = false)
  private String url;

  /** comma-separated event types */
  @Column(name = "event_types", nullable = false)
  private String eventTypes;

  @Column(nullable = false)
  private boolean active;

  @Column(name = "secret_encrypted", nullable = false)
  private String secretEncrypted;

  @Column(name = "created_by", nullable = false)
  private UUID createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected WebhookSubscription() {}

  WebhookSubscription(UUID id, UUID companyId, UUID createdBy, String secretEncrypted, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.createdBy = createdBy;
    this.secretEncrypted = secretEncrypted;
    this.createdAt = now;
    this.updatedAt = now;
  }

  boolean subscribesTo(String eventType) {
    return active && getEventTypes().contains(eventType);
  }

  UUID getId() {
    return id;
  }

  UUID getCompanyId() {
    return companyId;
  }

  String getUrl() {
    return url;
  }

  void setUrl(String url) {
    this.url = url;
  }

  List<String> getEventTypes() {
    return Arrays.stream(eventTypes.split(",")).filter(s -> !s.isBlank()).toList();
  }

  void setEventTypes(List<String> types) {
    this.eventTypes = String.join(",", types);
  }

  boolean isActive() {
    return active;
  }

  void setActive(boolean active) {
    this.active = active;
  }

  String getSecretEncrypted() {
    return secretEncrypted;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  Instant getUpdatedAt() {
    return updatedAt;
  }

  void touch(Instant at) {
    this.updatedAt = at;
  }
}
