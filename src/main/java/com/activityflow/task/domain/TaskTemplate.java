package com.activityflow.task.domain;

import com.activityflow.task.TaskCategory;
import com.activityflow.task.TaskPriority;
import com.activityflow.task.TaskType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A task template (seed 000 section 4.1): defaults and {{placeholder}} texts for new tasks. */
@Entity
@Table(name = "task_templates")
public class TaskTemplate {

  @Id private UUID id;
  private UUID companyId;
  private String templateName;
  private String templateCode;
  private String description;
  private TaskType taskType;
  private TaskCategory category;
  private TaskPriority defaultPriority;
  private String titleTemplate;
  private String descriptionTemplate;

  @Column(name = "is_active")
  private boolean active;

  @Column(name = "is_public")
  private boolean publicTemplate;

  private boolean requiresApproval;
  private BigDecimal defaultEstimatedHours;
  private Integer defaultDueDateOffset;
  private boolean autoAssignment;
  private String defaultAssigneeRole;
  private UUID createdByUserId;
  private Instant createdAt;
  private Instant updatedAt;
  @Version private long version;

  protected TaskTemplate() {}

  public TaskTemplate(UUID companyId, String templateCode, UUID createdBy, Instant now) {
    this.id = UUID.randomUUID();
    this.companyId = companyId;
    this.templateCode = templateCode;
    this.createdByUserId = createdBy;
    this.active = true;
    this.publicTemplate = true;
    this.autoAssignment = true;
    this.defaultPriority = TaskPriority.NORMAL;
    this.descriptionTemplate = "";
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Applies the given values; nulls leave a field as it is. */
  public void apply(
      String templateName, String description, TaskType taskType, TaskCategory category, TaskPriority defaultPriority,
      String titleTemplate, String descriptionTemplate, Boolean active, Boolean publicTemplate, Boolean requiresApproval,
      BigDecimal defaultEstimatedHours, Integer defaultDueDateOffset, Boolean autoAssignment, String defaultAssigneeRole,
      Instant now) {
    if (templateName != null) this.templateName = templateName;
    if (description != null) this.description = description;
    if (taskType != null) this.taskType = taskType;
    if (category != null) this.category = category;
    if (defaultPriority != null) this.defaultPriority = defaultPriority;
    if (titleTemplate != null) this.titleTemplate = titleTemplate;
    if (descriptionTemplate != null) this.descriptionTemplate = descriptionTemplate;
    if (active != null) this.active = active;
    if (publicTemplate != null) this.publicTemplate = publicTemplate;
    if (requiresApproval != null) this.requiresApproval = requiresApproval;
    if (defaultEstimatedHours != null) this.defaultEstimatedHours = defaultEstimatedHours;
    if (defaultDueDateOffset != null) this.defaultDueDateOffset = defaultDueDateOffset;
    if (autoAssignment != null) this.autoAssignment = autoAssignment;
    if (defaultAssigneeRole != null) this.defaultAssigneeRole = defaultAssigneeRole.isBlank() ? null : defaultAssigneeRole;
    this.updatedAt = now;
  }

  public UUID getId() { return id; }
  public UUID getCompanyId() { return companyId; }
  public String getTemplateName() { return templateName; }
  public String getTemplateCode() { return templateCode; }
  public String getDescription() { return description; }
  public TaskType getTaskType() { return taskType; }
  public TaskCategory getCategory() { return category; }
  public TaskPriority getDefaultPriority() { return defaultPriority; }
  public String getTitleTemplate() { return titleTemplate; }
  public String getDescriptionTemplate() { return descriptionTemplate; }
  public boolean isActive() { return active; }
  public boolean isPublicTemplate() { return publicTemplate; }
  public boolean isRequiresApproval() { return requiresApproval; }
  public BigDecimal getDefaultEstimatedHours() { return defaultEstimatedHours; }
  public Integer getDefaultDueDateOffset() { return defaultDueDateOffset; }
  public boolean isAutoAssignment() { return autoAssignment; }
  public String getDefaultAssigneeRole() { return defaultAssigneeRole; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
  public long getVersion() { return version; }
}
