package com.activityflow.task;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The business area of a task. */
public enum TaskCategory implements Coded {
  SALES("sales"),
  SUPPORT("support"),
  MARKETING("marketing"),
  ONBOARDING("onboarding"),
  ADMINISTRATIVE("administrative"),
  BILLING("billing");

  private final String code;

  TaskCategory(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static TaskCategory of(String code) {
    return Coded.fromCode(TaskCategory.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<TaskCategory> {
    JpaConverter() {
      super(TaskCategory.class);
    }
  }
}
