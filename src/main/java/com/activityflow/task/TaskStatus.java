package com.activityflow.task;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task stands. */
public enum TaskStatus implements Coded {
  PENDING("pending"),
  IN_PROGRESS("in_progress"),
  ON_HOLD("on_hold"),
  COMPLETED("completed"),
  CANCELLED("cancelled"),
  REJECTED("rejected");

  private final String code;

  TaskStatus(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static TaskStatus of(String code) {
    return Coded.fromCode(TaskStatus.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  /** No further work: completed, cancelled or rejected. */
  public boolean isClosed() {
    return this == COMPLETED || this == CANCELLED || this == REJECTED;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<TaskStatus> {
    JpaConverter() {
      super(TaskStatus.class);
    }
  }
}
