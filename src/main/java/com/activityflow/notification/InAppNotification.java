package com.activityflow.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A notification shown in the app to one user until it reads it. */
@Entity
@Table(name = "notifications")
class InAppNotification {

  @Id private UUID id;

  @Column(name = "company_id", nullable = false)
  private UUID companyId;

  @Column(name = "recipient_user_id", nullable = false)
  private UUID recipientUserId;

  @Column(nullable = false)
  private String type;

  @Column(name = "subject_id", nullable = false)
  private UUID subjectId;

  @Column(nullable = false)
  private String message;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "read_at")
  private Instant readAt;

  protected InAppNotification() {}

  InAppNotification(
      UUID id, UUID companyId, UUID recipientUserId, String type, UUID subjectId, String message, Instant createdAt) {
    this.id = id;
    this.companyId = companyId;
    this.recipientUserId = recipientUserId;
    this.type = type;
    this.subjectId = subjectId;
    this.message = message;
    this.createdAt = createdAt;
  }

  void markRead(Instant at) {
    if (readAt == null) {
      readAt = at;
    }
  }

  UUID getId() {
    return id;
  }

  String getType() {
    return type;
  }

  UUID getSubjectId() {
    return subjectId;
  }

  String getMessage() {
    return message;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  Instant getReadAt() {
    return readAt;
  }
}
