package com.activityflow.task;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a comment is. */
public enum CommentType implements Coded {
  COMMENT("comment"),
  NOTE("note"),
  STATUS_CHANGE("status_change"),
  SYSTEM("system");

  private final String code;

  CommentType(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static CommentType of(String code) {
    return Coded.fromCode(CommentType.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<CommentType> {
    JpaConverter() {
      super(CommentType.class);
    }
  }
}
