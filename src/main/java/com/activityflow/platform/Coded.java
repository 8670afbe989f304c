package com.activityflow.platform;

import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/**
 * An enum with a stable lower-case code, used in JSON, in the database and in the DMN tables
 * ({@code "follow_up"}, {@code "in_progress"}): Java constants stay Java-style.
 */
public interface Coded {

  String code();

  static <E extends Enum<E> & Coded> E fromCode(Class<E> type, String code) {
    if (code == null) {
      return null;
    }
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + code + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Coded::code).toList()));
  }

  /** Stores a {@link Coded} enum as its code. */
  abstract class Converter<E extends Enum<E> & Coded> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected Converter(Class<E> type) {
      this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E attribute) {
      return attribute == null ? null : attribute.code();
    }

    @Override
    public E convertToEntityAttribute(String dbData) {
      return fromCode(type, dbData);
    }
  }
}
