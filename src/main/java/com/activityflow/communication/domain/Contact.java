package com.activityflow.communication.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A person at a customer, mirrored from the CRM, so that mails and calls link to them. */
@Entity
@Table(name = "contacts")
public class Contact {

  @Id private UUID id;
  private UUID companyId;
  private UUID customerId;
  private String externalId;
  private String firstName;
  private String lastName;
  private String jobTitle;
  private String[] emails = new String[0];
  private String[] phones = new String[0];
  private String source;
  @Version private long version;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant anonymizedAt;

  protected Contact() {}

  public Contact(UUID id, UUID companyId, String externalId, String source, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.externalId = externalId;
    this.source = source;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public UUID getId() { return id; }
  public UUID getCompanyId() { return companyId; }
  public UUID getCustomerId() { return customerId; }
  public String getExternalId() { return externalId; }
  public String getFirstName() { return firstName; }
  public String getLastName() { return lastName; }
  public String getJobTitle() { return jobTitle; }
  public String[] getEmails() { return emails; }
  public String[] getPhones() { return phones; }
  public String getSource() { return source; }
  public long getVersion() { return version; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
  public Instant getAnonymizedAt() { return anonymizedAt; }

  public String displayName() {
    String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    return name.isEmpty() ? (emails.length > 0 ? emails[0] : null) : name;
  }

  public void update(UUID customerId, String firstName, String lastName, String jobTitle, String[] emails, String[] phones, Instant now) {
    this.customerId = customerId;
    this.firstName = firstName;
    this.lastName = lastName;
    this.jobTitle = jobTitle;
    this.emails = emails;
    this.phones = phones;
    this.updatedAt = now;
  }

  /** GDPR erasure: identifiers go, the row (and its counts) stays. */
  public void anonymize(Instant now) {
    this.externalId = null;
    this.firstName = null;
    this.lastName = null;
    this.jobTitle = null;
    this.emails = new String[0];
    this.phones = new String[0];
    this.anonymizedAt = now;
    this.updatedAt = now;
  }
}
