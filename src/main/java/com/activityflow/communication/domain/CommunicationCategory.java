package com.activityflow.communication.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** How communications are classified (seed 001 section 4.1), in a hierarchy, per company. */
@Entity
@Table(name = "communication_categories")
public class CommunicationCategory {

  @Id private UUID id;
  private UUID companyId;
  private String categoryCode;
  private String categoryName;
  private String description;
  private UUID parentCategoryId;
  @Column(name = "is_active") private boolean active;
  @Column(name = "is_default") private boolean defaultCategory;
  private String defaultPriority;
  private boolean autoCategorization;
  private String[] keywords = new String[0];
  private String color;
  private String icon;
  private Integer retentionDays;
  private String retentionAction;
  @Version private long version;
  private Instant createdAt;
  private Instant updatedAt;

  protected CommunicationCategory() {}

  public CommunicationCategory(UUID id, UUID companyId, String categoryCode, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.categoryCode = categoryCode;
    this.active = true;
    this.defaultPriority = "normal";
    this.createdAt = now;
    this.updatedAt = now;
  }

  public UUID getId() { return id; }
  public UUID getCompanyId() { return companyId; }
  public String getCategoryCode() { return categoryCode; }
  public String getCategoryName() { return categoryName; }
  public String getDescription() { return description; }
  public UUID getParentCategoryId() { return parentCategoryId; }
  public boolean isActive() { return active; }
  public boolean isDefaultCategory() { return defaultCategory; }
  public String getDefaultPriority() { return defaultPriority; }
  public boolean isAutoCategorization() { return autoCategorization; }
  public String[] getKeywords() { return keywords; }
  public String getColor() { return color; }
  public String getIcon() { return icon; }
  public Integer getRetentionDays() { return retentionDays; }
  public String getRetentionAction() { return retentionAction; }
  public long getVersion() { return version; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }

  public void update(String name, String description, UUID parentCategoryId, boolean active, boolean defaultCategory,
      String defaultPriority, boolean autoCategorization, String[] keywords, String color, String icon,
      Integer retentionDays, String retentionAction, Instant now) {
    this.categoryName = name;
    this.description = description;
    this.parentCategoryId = parentCategoryId;
    this.active = active;
    this.defaultCategory = defaultCategory;
    this.defaultPriority = defaultPriority;
    this.autoCategorization = autoCategorization;
    this.keywords = keywords;
    this.color = color;
    this.icon = icon;
    this.retentionDays = retentionDays;
    this.retentionAction = retentionAction;
    this.updatedAt = now;
  }

  public void setDefaultCategory(boolean value) { this.defaultCategory = value; }
}
