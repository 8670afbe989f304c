package com.activityflow.task.recurrence;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a series stands: it creates occurrences only while active. */
public enum SeriesStatus implements Coded {
  ACTIVE("active"),
  /** stopped by a user; no further occurrences */
  STOPPED("stopped"),
  /** its rule has no further occurrence (COUNT or UNTIL reached) */
  FINISHED("finished");

  private final String code;

  SeriesStatus(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static SeriesStatus of(String code) {
    return Coded.fromCode(SeriesStatus.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<SeriesStatus> {
    JpaConverter() {
      super(SeriesStatus.class);
    }
  }
}
