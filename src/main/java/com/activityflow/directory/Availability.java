package com.activityflow.directory;

import com.activityflow.platform.Coded;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a user takes new work now. */
public enum Availability implements Coded {
  ACTIVE("active"),
  AWAY("away");

  private final String code;

  Availability(String code) {
    this.code = code;
  }

  @Override
  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static Availability of(String code) {
    return Coded.fromCode(Availability.class, code);
  }

  @Override
  public String toString() {
    return code;
  }

  @jakarta.persistence.Converter(autoApply = true)
  static class JpaConverter extends Coded.Converter<Availability> {
    JpaConverter() {
      super(Availability.class);
    }
  }
}
