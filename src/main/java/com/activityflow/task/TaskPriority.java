package com.activityflow.task;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent a task is; escalation raises it one step at a time. */
public enum TaskPriority implements Coded {
  LOW("low"),
  NORMAL("normal"),
  HIGH("high"),
  URGENT("urgent");

  private final String code;

  TaskPriority(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static TaskPriority of(String code) {
    return Coded.fromCode(TaskPriority.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  /** One step more urgent; {@code URGENT} stays. */
  public TaskPriority raised() {
    return this == URGENT ? URGENT : values()[ordinal() + 1];
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<TaskPriority> {
    JpaConverter() {
      super(TaskPriority.class);
    }
  }
}
