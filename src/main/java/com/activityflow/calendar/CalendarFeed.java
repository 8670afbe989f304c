package com.activityflow.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's calendar feed: only the SHA-256 of its secret token is stored. */
@Entity
@Table(name = "calendar_feeds")
class CalendarFeed {

  @Id
  @Column(name = "user_id")
  private UUID userId;

  @Column(name = "company_id", nullable = false)
  private UUID companyId;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected CalendarFeed() {}

  CalendarFeed(UUID userId, UUID companyId) {
    this.userId = userId;
    this.companyId = companyId;
  }

  void rotate(String tokenHash, Instant at) {
    this.tokenHash = tokenHash;
    this.createdAt = at;
  }

  UUID getUserId() {
    return userId;
  }

  Instant getCreatedAt() {
    return createdAt;
  }
}
