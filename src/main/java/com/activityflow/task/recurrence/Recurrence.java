package com.activityflow.task.recurrence;

import com.activityflow.platform.web.RuleViolationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * An RFC 5545 recurrence: RRULE, a local DTSTART and the time zone it is meant in, evaluated by
 * ical4j. Occurrences are computed as zoned date-times in that zone, so a 09:00 Europe/Berlin
 * occurrence stays 09:00 local across daylight-saving changes (its UTC instant moves by an
 * hour). COUNT counts from DTSTART and UNTIL is inclusive, as the RFC says.
 */
record Recurrence(String rrule, LocalDateTime dtstart, ZoneId zone, Recur<ZonedDateTime> rule) {

  /** Occurrences more often than hourly would flood the task list. */
  private static final List<Frequency> TOO_FREQUENT = List.of(Frequency.SECONDLY, Frequency.MINUTELY);

  /** Parses and checks the parts; a problem is a 400 naming the field and what is wrong. */
  static Recurrence of(String rrule, LocalDateTime dtstart, String timeZone) {
    ZoneId zone = zone(timeZone);
    String normalized = rrule == null ? "" : rrule.strip();
    if (normalized.regionMatches(true, 0, "RRULE:", 0, 6)) {
      normalized = normalized.substring(6);
    }
    Recur<ZonedDateTime> rule;
    try {
      rule = new Recur<>(normalized);
    } catch (RuntimeException e) {
      throw RuleViolationException.invalid(
          "invalid_rrule", "rrule", "rrule '" + rrule + "' is not a valid RFC 5545 recurrence rule: " + e.getMessage());
    }
    if (TOO_FREQUENT.contains(rule.getFrequency())) {
      throw RuleViolationException.invalid(
          "invalid_rrule", "rrule", "rrule FREQ=" + rule.getFrequency() + " is too frequent for tasks; use HOURLY or less often");
    }
    if (dtstart == null) {
      throw RuleViolationException.invalid("dtstart_required", "dtstart", "dtstart is required");
    }
    return new Recurrence(normalized, dtstart, zone, rule);
  }

  private static ZoneId zone(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      throw RuleViolationException.invalid("unknown_time_zone", "time_zone", "time_zone is required (an IANA id such as Europe/Berlin)");
    }
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      throw RuleViolationException.invalid(
          "unknown_time_zone",
          "time_zone",
          "time_zone '" + timeZone + "' is not a known IANA time zone id such as Europe/Berlin (" + e.getMessage() + ")");
    }
  }

  /**
   * The first occurrence at or after {@code from}, if the rule has one. iCalendar times have
   * whole seconds (and ical4j compares them so), so the search starts one second before.
   */
  Optional<Instant> firstFrom(Instant from) {
    Instant start = from.truncatedTo(ChronoUnit.SECONDS);
    if (start.isBefore(from)) {
      start = start.plusSeconds(1);
    }
    ZonedDateTime seed = dtstart.atZone(zone);
    ZonedDateTime next = rule.getNextDate(seed, start.minusSeconds(1).atZone(zone));
    return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
  }

  /** Up to {@code limit} occurrences at or after {@code from}, in order. */
  List<Instant> upcoming(Instant from, int limit) {
    List<Instant> result = new ArrayList<>();
    Optional<Instant> next = firstFrom(from);
    while (next.isPresent() && result.size() < limit) {
      result.add(next.get());
      next = firstFrom(next.get().plusSeconds(1));
    }
    return result;
  }
}
