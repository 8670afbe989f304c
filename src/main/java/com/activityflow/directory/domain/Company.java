package com.activityflow.directory.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer company of Activity Flow: the tenant every record belongs to. */
@Entity
@Table(name = "companies")
public class Company {

  @Id private UUID id;
  private String code;
  private String name;
  private Instant createdAt;

  protected Company() {}

  public Company(UUID id, String code, String name, Instant createdAt) {
    this.id = id;
    this.code = code;
    this.name = name;
    this.createdAt = createdAt;
  }

  public UUID getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }
}
