package com.activityflow.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A business rule said no. Carries the rule (as a stable error code), the field it concerns and
 * the HTTP status: 400 for invalid input, 409 for a conflict with the current state.
 */
public class RuleViolationException extends RuntimeException {

  private final HttpStatus status;
  private final String rule;
  private final String field;
  private final java.util.Map<String, String> fieldMessages;

  private RuleViolationException(HttpStatus status, String rule, String field, String message) {
    this(status, rule, field, message, java.util.Map.of());
  }

  private RuleViolationException(
      HttpStatus status, String rule, String field, String message, java.util.Map<String, String> fieldMessages) {
    super(message);
    this.status = status;
    this.rule = rule;
    this.field = field;
    this.fieldMessages = fieldMessages;
  }

  /** Several fields are missing or wrong at once (400 validation_failed, one detail per field). */
  public static RuleViolationException invalidFields(java.util.Map<String, String> fieldMessages) {
    return new RuleViolationException(
        HttpStatus.BAD_REQUEST, "validation_failed", null, "The request is invalid", new java.util.LinkedHashMap<>(fieldMessages));
  }

  public java.util.Map<String, String> fieldMessages() {
    return fieldMessages;
  }

  /** The request itself is invalid under a rule (400). */
  public static RuleViolationException invalid(String rule, String field, String message) {
    return new RuleViolationException(HttpStatus.BAD_REQUEST, rule, field, message);
  }

  /** The request conflicts with the current state of the record (409). */
  public static RuleViolationException conflict(String rule, String field, String message) {
    return new RuleViolationException(HttpStatus.CONFLICT, rule, field, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String rule() {
    return rule;
  }

  public String field() {
    return field;
  }
}
