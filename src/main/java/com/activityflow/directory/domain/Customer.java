package com.activityflow.directory.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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

  protected Customer() {}

  public Customer(UUID id, UUID companyId, String externalId, String name, String tier, Instant createdAt) {
    this.id = id;
    this.companyId = companyId;
    this.externalId = externalId;
    this.name = name;
    this.tier = tier;
    this.createdAt = createdAt;
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
