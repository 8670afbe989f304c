package com.activityflow.directory.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A team of a company; its code is also the Camunda candidate group of its queue. */
@Entity
@Table(name = "teams")
public class Team {

  @Id private UUID id;
  private UUID companyId;
  private String code;
  private String name;
  private UUID leadUserId;
  private Instant createdAt;

  protected Team() {}

  public Team(UUID id, UUID companyId, String code, String name, Instant createdAt) {
    this.id = id;
    this.companyId = companyId;
    this.code = code;
    this.name = name;
    this.createdAt = createdAt;
  }

  public UUID getId() {
    return id;
  }

  public UUID getCompanyId() {
    return companyId;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public UUID getLeadUserId() {
    return leadUserId;
  }

  public void setLeadUserId(UUID leadUserId) {
    this.leadUserId = leadUserId;
  }
}
