package com.activityflow.task.domain;

import com.activityflow.task.ApprovalStatus;
import com.activityflow.task.TaskCategory;
import com.activityflow.task.TaskPriority;
import com.activityflow.task.TaskStatus;
import com.activityflow.task.TaskType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.springframework.data.domain.Persistable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A CRM task (seed 000 section 3.1). Its work is driven by one {@code task-lifecycle} process
 * instance whose business key is the task id; the status here and the process never disagree.
 */
@Entity
@Table(name = "tasks")
public class Task implements Persistable<UUID> {

  @Id private UUID id;
  private UUID companyId;
  private UUID customerId;
  private UUID contactId;
  private UUID assignedToUserId;
  private UUID createdByUserId;
  private UUID updatedByUserId;
  private UUID parentTaskId;

  private String taskTitle;
  private String taskDescription;
  private TaskType taskType;
  private TaskCategory category;
  private TaskPriority priority;
  private TaskStatus status;
  private int completionPercentage;

  private Instant dueDate;
  private Instant startDate;
  private Instant completedDate;
  private BigDecimal estimatedHours;
  private BigDecimal actualHours;

  @Column(name = "is_recurring")
  private boolean recurring;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> recurringPattern = new HashMap<>();

  @Column(name = "is_public")
  private boolean publicTask;

  private boolean requiresApproval;
  private ApprovalStatus approvalStatus;
  private UUID approvedByUserId;
  private Instant approvedDate;
  private String approvalComment;

  private UUID teamId;
  private String candidateGroup;
  private String assignmentReason;
  private int escalationLevel;
  private Instant escalatedAt;

  private Instant createdAt;
  private Instant updatedAt;

  @Column(name = "is_deleted")
  private boolean deleted;

  private Instant deletedAt;

  /**
   * Title, description and live comments as PostgreSQL computes them (V40); read only, named in
   * the list's full-text predicate so that the GIN index serves it.
   */
  @Column(name = "search_vector", insertable = false, updatable = false, columnDefinition = "tsvector")
  private String searchVector;

  @Version private long version;

  /** New until persisted or loaded: lets {@code save} insert without a merge's extra select. */
  @Transient private boolean isNew = true;

  protected Task() {}

  @PostLoad
  @PostPersist
  void markNotNew() {
    this.isNew = false;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  public Task(UUID id, UUID companyId, UUID createdByUserId, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.createdByUserId = createdByUserId;
    this.priority = TaskPriority.NORMAL;
    this.status = TaskStatus.PENDING;
    this.taskDescription = "";
    this.publicTask = true;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void touch(UUID userId, Instant now) {
    this.updatedByUserId = userId;
    this.updatedAt = now;
  }

  /** Applies status and the completion percentage that goes with it. */
  public void changeStatus(TaskStatus newStatus, Integer requestedPercentage, Instant now) {
    this.status = newStatus;
    this.completionPercentage =
        CompletionPercentagePolicy.percentageFor(newStatus, requestedPercentage, completionPercentage);
    this.completedDate = newStatus == TaskStatus.COMPLETED ? now : null;
  }

  public void assignTo(UUID userId, UUID teamId, String candidateGroup, String reason) {
    this.assignedToUserId = userId;
    this.teamId = teamId;
    this.candidateGroup = candidateGroup;
    this.assignmentReason = reason;
  }

  public void escalate(Instant now) {
    this.priority = priority.raised();
    this.escalationLevel++;
    this.escalatedAt = now;
  }

  public void markDeleted(Instant now) {
    this.deleted = true;
    this.deletedAt = now;
  }

  /** Marks the task as one occurrence of a recurring series (seed fields is_recurring, recurring_pattern). */
  public void markRecurring(Map<String, Object> pattern) {
    this.recurring = true;
    this.recurringPattern = new HashMap<>(pattern);
  }

  public void recordApproval(ApprovalStatus decision, UUID approverId, String comment, Instant now) {
    this.approvalStatus = decision;
    this.approvedByUserId = approverId;
    this.approvedDate = now;
    this.approvalComment = comment;
  }

  // plain accessors

  public UUID getId() {
    return id;
  }

  public UUID getCompanyId() {
    return companyId;
  }

  public UUID getCustomerId() {
    return customerId;
  }

  public void setCustomerId(UUID customerId) {
    this.customerId = customerId;
  }

  public UUID getContactId() {
    return contactId;
  }

  public void setContactId(UUID contactId) {
    this.contactId = contactId;
  }

  public UUID getAssignedToUserId() {
    return assignedToUserId;
  }

  public UUID getCreatedByUserId() {
    return createdByUserId;
  }

  public UUID getUpdatedByUserId() {
    return updatedByUserId;
  }

  public UUID getParentTaskId() {
    return parentTaskId;
  }

  public void setParentTaskId(UUID parentTaskId) {
    this.parentTaskId = parentTaskId;
  }

  public String getTaskTitle() {
    return taskTitle;
  }

  public void setTaskTitle(String taskTitle) {
    this.taskTitle = taskTitle;
  }

  public String getTaskDescription() {
    return taskDescription;
  }

  public void setTaskDescription(String taskDescription) {
    this.taskDescription = taskDescription == null ? "" : taskDescription;
  }

  public TaskType getTaskType() {
    return taskType;
  }

  public void setTaskType(TaskType taskType) {
    this.taskType = taskType;
  }

  public TaskCategory getCategory() {
    return category;
  }

  public void setCategory(TaskCategory category) {
    this.category = category;
  }

  public TaskPriority getPriority() {
    return priority;
  }

  public void setPriority(TaskPriority priority) {
    this.priority = priority;
  }

  public TaskStatus getStatus() {
    return status;
  }

  public int getCompletionPercentage() {
    return completionPercentage;
  }

  public Instant getDueDate() {
    return dueDate;
  }

  public void setDueDate(Instant dueDate) {
    this.dueDate = dueDate;
  }

  public Instant getStartDate() {
    return startDate;
  }

  public void setStartDate(Instant startDate) {
    this.startDate = startDate;
  }

  public Instant getCompletedDate() {
    return completedDate;
  }

  public BigDecimal getEstimatedHours() {
    return estimatedHours;
  }

  public void setEstimatedHours(BigDecimal estimatedHours) {
    this.estimatedHours = estimatedHours;
  }

  public BigDecimal getActualHours() {
    return actualHours;
  }

  public void setActualHours(BigDecimal actualHours) {
    this.actualHours = actualHours;
  }

  public boolean isRecurring() {
    return recurring;
  }

  public Map<String, Object> getRecurringPattern() {
    return recurringPattern;
  }

  public boolean isPublicTask() {
    return publicTask;
  }

  public void setPublicTask(boolean publicTask) {
    this.publicTask = publicTask;
  }

  public boolean isRequiresApproval() {
    return requiresApproval;
  }

  public void setRequiresApproval(boolean requiresApproval) {
    this.requiresApproval = requiresApproval;
  }

  public ApprovalStatus getApprovalStatus() {
    return approvalStatus;
  }

  public void requestApproval() {
    this.requiresApproval = true;
    this.approvalStatus = ApprovalStatus.PENDING;
  }

  public UUID getApprovedByUserId() {
    return approvedByUserId;
  }

  public Instant getApprovedDate() {
    return approvedDate;
  }

  public String getApprovalComment() {
    return approvalComment;
  }

  public UUID getTeamId() {
    return teamId;
  }

  public String getCandidateGroup() {
    return candidateGroup;
  }

  public String getAssignmentReason() {
    return assignmentReason;
  }

  public int getEscalationLevel() {
    return escalationLevel;
  }

  public Instant getEscalatedAt() {
    return escalatedAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public boolean isDeleted() {
    return deleted;
  }

  public long getVersion() {
    return version;
  }
}
