package com.activityflow.task.domain;

import com.activityflow.task.TaskStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** How one status behaves in one company (seed 000 section 4.2). */
@Entity
@Table(name = "task_statuses")
public class TaskStatusDefinition {

  @Id private UUID id;
  private UUID companyId;

  @Column(name = "status_code")
  private TaskStatus code;

  private String statusName;
  private String description;
  private String statusType;

  @Column(name = "is_active")
  private boolean active;

  @Column(name = "is_default")
  private boolean defaultStatus;

  @Column(name = "is_terminal")
  private boolean terminal;

  @JdbcTypeCode(SqlTypes.JSON)
  private List<String> nextStatuses = new ArrayList<>();

  private boolean requiresComment;
  private Integer autoCompletePercentage;
  private String color;
  private String icon;
  private Instant createdAt;
  private Instant updatedAt;
  @Version private long version;

  protected TaskStatusDefinition() {}

  public TaskStatusDefinition(
      UUID companyId, TaskStatus code, String name, String type, boolean terminal, List<String> next,
      boolean requiresComment, Integer autoPercentage, String color, Instant now) {
    this.id = UUID.randomUUID();
    this.companyId = companyId;
    this.code = code;
    this.statusName = name;
    this.statusType = type;
    this.active = true;
    this.terminal = terminal;
    this.nextStatuses = new ArrayList<>(next);
    this.requiresComment = requiresComment;
    this.autoCompletePercentage = autoPercentage;
    this.color = color;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void change(
      String name, String description, Boolean active, Boolean isDefault, List<String> next, Boolean requiresComment,
      Integer autoPercentage, boolean clearAutoPercentage, String color, String icon, Instant now) {
    if (name != null) this.statusName = name;
    if (description != null) this.description = description;
    if (active != null) this.active = active;
    if (isDefault != null) this.defaultStatus = isDefault;
    if (next != null) this.nextStatuses = new ArrayList<>(next);
    if (requiresComment != null) this.requiresComment = requiresComment;
    if (autoPercentage != null || clearAutoPercentage) this.autoCompletePercentage = autoPercentage;
    if (color != null) this.color = color;
    if (icon != null) this.icon = icon;
    this.updatedAt = now;
  }

  public void setDefaultStatus(boolean defaultStatus) {
    this.defaultStatus = defaultStatus;
  }

  public UUID getId() { return id; }
  public UUID getCompanyId() { return companyId; }
  public TaskStatus getCode() { return code; }
  public String getStatusName() { return statusName; }
  public String getDescription() { return description; }
  public String getStatusType() { return statusType; }
  public boolean isActive() { return active; }
  public boolean isDefaultStatus() { return defaultStatus; }
  public boolean isTerminal() { return terminal; }
  public List<String> getNextStatuses() { return nextStatuses; }
  public boolean isRequiresComment() { return requiresComment; }
  public Integer getAutoCompletePercentage() { return autoCompletePercentage; }
  public String getColor() { return color; }
  public String getIcon() { return icon; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
  public long getVersion() { return version; }
}
