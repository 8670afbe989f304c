package com.activityflow.communication;

import com.activityflow.platform.web.RuleViolationException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed vocabularies of communication logs (seed 001 section 3.1) and the status transitions.
 * Values are validated here so that a wrong one is a 400 naming the field and the allowed values.
 */
public final class CommunicationCodes {

  public static final List<String> TYPES = List.of("call", "email", "meeting", "sms", "chat", "video", "social", "letter", "note");
  public static final List<String> DIRECTIONS = List.of("inbound", "outbound", "internal");
  public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
  public static final List<String> STATUSES = List.of("logged", "in_progress", "awaiting_response", "resolved", "closed");
  public static final List<String> SENTIMENTS = List.of("very_negative", "negative", "neutral", "positive", "very_positive");
  public static final List<String> FOLLOW_UP_STATUSES =
      List.of("pending", "in_progress", "awaiting_reply", "escalated", "completed", "cancelled");
  /** A follow-up in one of these is still running: the log cannot be deleted. */
  public static final Set<String> ACTIVE_FOLLOW_UP = Set.of("pending", "in_progress", "awaiting_reply", "escalated");
  public static final List<String> CHANNEL_TYPES = List.of("email", "phone", "sms", "chat", "meeting", "social", "other");
  /** Active statuses count against a user's capacity. */
  public static final Set<String> OPEN_STATUSES = Set.of("logged", "in_progress", "awaiting_response");

  private static final Map<String, Set<String>> NEXT_STATUSES =
      Map.of(
          "logged", Set.of("in_progress", "awaiting_response", "resolved", "closed"),
          "in_progress", Set.of("awaiting_response", "resolved", "closed"),
          "awaiting_response", Set.of("in_progress", "resolved", "closed"),
          "resolved", Set.of("in_progress", "closed"),
          "closed", Set.of("in_progress"));

  private CommunicationCodes() {}

  /** The value if it is one of {@code allowed}; otherwise a 400 naming the field. */
  public static String check(String field, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw RuleViolationException.invalid("invalid_value", field, field + " must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  static void checkTransition(String from, String to) {
    if (from.equals(to)) {
      return;
    }
    Set<String> next = NEXT_STATUSES.getOrDefault(from, Set.of());
    if (!next.contains(to)) {
      throw RuleViolationException.conflict(
          "invalid_status_transition", "status",
          "A communication in status " + from + " can move to " + String.join(", ", next.stream().sorted().toList()) + ", not " + to);
    }
  }

  /** Seed 001 section 6.2: at least 10 characters, short-message channels at least 2. */
  static int minimumContentLength(String channelType) {
    return switch (channelType == null ? "" : channelType) {
      case "sms", "chat", "social" -> 2;
      default -> 10;
    };
  }
}
