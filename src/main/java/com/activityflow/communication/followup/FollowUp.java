package com.activityflow.communication.followup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * The follow-up of one communication log: its process instance, task, deadline, escalation and
 * outcome; the customer's reply that ended it is linked by {@code replyLogId}.
 */
@Entity
@Table(name = "communication_follow_ups")
public class FollowUp {

  /** How a follow-up ended. */
  public static final String REPLIED = "replied";
  public static final String TASK_COMPLETED = "task_completed";
  public static final String CANCELLED = "cancelled";

  @Id
  @Column(name = "log_id")
  private UUID logId;

  private UUID companyId;
  private UUID threadId;
  private String processInstanceId;
  private UUID taskId;
  private UUID personUserId;
  private Instant dueAt;
  private String reason;
  private Instant escalatedAt;
  private String outcome;
  private UUID replyLogId;
  private Instant endedAt;
  private Instant createdAt;

  @Version private long version;

  protected FollowUp() {}

  FollowUp(UUID logId, UUID companyId, UUID threadId, Instant dueAt, String reason, Instant now) {
    this.logId = logId;
    this.companyId = companyId;
    this.threadId = threadId;
    this.dueAt = dueAt;
    this.reason = reason.length() > 500 ? reason.substring(0, 497) + "..." : reason;
    this.createdAt = now;
  }

  public UUID getLogId() { return logId; }
  public UUID getCompanyId() { return companyId; }
  public UUID getThreadId() { return threadId; }
  public String getProcessInstanceId() { return processInstanceId; }
  public UUID getTaskId() { return taskId; }
  public UUID getPersonUserId() { return personUserId; }
  public Instant getDueAt() { return dueAt; }
  public String getReason() { return reason; }
  public Instant getEscalatedAt() { return escalatedAt; }
  public String getOutcome() { return outcome; }
  public UUID getReplyLogId() { return replyLogId; }
  public Instant getEndedAt() { return endedAt; }
  public Instant getCreatedAt() { return createdAt; }

  public boolean isActive() {
    return outcome == null;
  }

  void started(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  void taskCreated(UUID taskId, UUID personUserId) {
    this.taskId = taskId;
    this.personUserId = personUserId;
  }

  void escalated(Instant now) {
    this.escalatedAt = now;
  }

  void ended(String outcome, UUID replyLogId, Instant now) {
    this.outcome = outcome;
    this.replyLogId = replyLogId;
    this.endedAt = now;
  }
}
