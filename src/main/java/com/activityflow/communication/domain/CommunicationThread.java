package com.activityflow.communication.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A conversation with a customer: the mails and calls that belong together. */
@Entity
@Table(name = "communication_threads")
public class CommunicationThread {

  @Id private UUID id;
  private UUID companyId;
  private UUID customerId;
  private String subject;
  private String threadToken;
  private Instant createdAt;
  private Instant lastMessageAt;

  protected CommunicationThread() {}

  public CommunicationThread(UUID id, UUID companyId, UUID customerId, String subject, String threadToken, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.customerId = customerId;
    this.subject = subject;
    this.threadToken = threadToken;
    this.createdAt = now;
    this.lastMessageAt = now;
  }

  public UUID getId() { return id; }
  public UUID getCompanyId() { return companyId; }
  public UUID getCustomerId() { return customerId; }
  public String getSubject() { return subject; }
  public String getThreadToken() { return threadToken; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getLastMessageAt() { return lastMessageAt; }

  public void touched(Instant at) {
    if (at.isAfter(lastMessageAt)) {
      lastMessageAt = at;
    }
  }

  public void linkCustomer(UUID customerId) {
    if (this.customerId == null) {
      this.customerId = customerId;
    }
  }
}
