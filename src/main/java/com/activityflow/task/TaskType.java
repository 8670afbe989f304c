package com.activityflow.task;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of work (seed 000 task_type); the DMN tables decide on it. */
public enum TaskType implements Coded {
  CALL("call"),
  EMAIL("email"),
  MEETING("meeting"),
  FOLLOW_UP("follow_up"),
  DEMO("demo"),
  PROPOSAL("proposal"),
  RENEWAL("renewal"),
  SUPPORT("support"),
  SUPPORT_ESCALATION("support_escalation"),
  DISCOUNT_REQUEST("discount_request"),
  OTHER("other");

  private final String code;

  TaskType(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static TaskType of(String code) {
    return Coded.fromCode(TaskType.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<TaskType> {
    JpaConverter() {
      super(TaskType.class);
    }
  }
}
