package com.activityflow.directory.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The CRM's customer as far as Activity Flow needs it: its tier drives assignment rules. */
@Entity
@Table(name = "customers")
public class Customer {

  @Id private UUID id;
  private UUID companyId;
  private String externalId;
  private String name;
  private String tier;
  private Instant createdAt;
  private Instant updatedAt;
  @Version private long version;

  protected Customer() {}

  public Customer(UUID id, UUID companyId, String externalId, String name, String tier, Instant createdAt) {
    this.id = id;
    this.companyId = companyId;
    this.externalId = externalId;
    this.name = name;
    this.tier = tier;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /** The CRM's current name and tier of the customer. */
  public void update(String name, String tier, Instant now) {
    this.name = name;
    this.tier = tier;
    this.updatedAt = now;
  }

  public String getExternalId() {
    return externalId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getVersion() {
    return version;
  }

  public UUID getId() {
    return id;
  }

  public UUID getCompanyId() {
    return companyId;
  }

  public String getName() {
    return name;
  }

  public String getTier() {
    return tier;
  }
}
