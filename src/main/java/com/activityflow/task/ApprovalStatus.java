package com.activityflow.task;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The state of a task's approval in Tasklist. */
public enum ApprovalStatus implements Coded {
  PENDING("pending"),
  APPROVED("approved"),
  REJECTED("rejected");

  private final String code;

  ApprovalStatus(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static ApprovalStatus of(String code) {
    return Coded.fromCode(ApprovalStatus.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<ApprovalStatus> {
    JpaConverter() {
      super(ApprovalStatus.class);
    }
  }
}
