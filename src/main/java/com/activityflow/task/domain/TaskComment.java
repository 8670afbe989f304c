package com.activityflow.task.domain;

import com.activityflow.task.CommentType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.springframework.data.domain.Persistable;
import java.time.Instant;
import java.util.UUID;

/** A comment on a task; replies point to their parent comment (seed 000 section 3.2). */
@Entity
@Table(name = "task_comments")
public class TaskComment implements Persistable<UUID> {

  @Id private UUID id;
  private UUID taskId;
  private UUID userId;
  private UUID parentCommentId;
  private String commentText;
  private CommentType commentType;

  @Column(name = "is_internal")
  private boolean internal;

  @Column(name = "is_pinned")
  private boolean pinned;

  private Instant createdAt;
  private Instant updatedAt;

  @Column(name = "is_deleted")
  private boolean deleted;

  @Version private long version;

  @Transient private boolean isNew = true;

  protected TaskComment() {}

  @PostLoad
  @PostPersist
  void markNotNew() {
    this.isNew = false;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  public TaskComment(
      UUID id,
      UUID taskId,
      UUID userId,
      UUID parentCommentId,
      String commentText,
      CommentType commentType,
      boolean internal,
      boolean pinned,
      Instant now) {
    this.id = id;
    this.taskId = taskId;
    this.userId = userId;
    this.parentCommentId = parentCommentId;
    this.commentText = commentText;
    this.commentType = commentType;
    this.internal = internal;
    this.pinned = pinned;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void markDeleted(Instant now) {
    this.deleted = true;
    this.updatedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public UUID getTaskId() {
    return taskId;
  }

  public UUID getUserId() {
    return userId;
  }

  public UUID getParentCommentId() {
    return parentCommentId;
  }

  public String getCommentText() {
    return commentText;
  }

  public CommentType getCommentType() {
    return commentType;
  }

  public boolean isInternal() {
    return internal;
  }

  public boolean isPinned() {
    return pinned;
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
}
