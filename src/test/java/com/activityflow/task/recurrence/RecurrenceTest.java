package com.activityflow.task.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.activityflow.platform.web.RuleViolationException;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The rule arithmetic without the engine: what RFC 5545 says, in the series' time zone. */
class RecurrenceTest {

  private static Recurrence berlin(String rrule, String dtstart) {
    return Recurrence.of(rrule, LocalDateTime.parse(dtstart), "Europe/Berlin");
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void keepsTheLocalTimeAcrossTheSwitchToWinterTime() {
    // 27 October 2030 is the last Sunday of October: Berlin goes back from UTC+2 to UTC+1
    assertThat(berlin("FREQ=WEEKLY;BYDAY=FR", "2030-10-18T09:00:00").upcoming(at("2030-01-01T00:00:00Z"), 3))
        .containsExactly(at("2030-10-18T07:00:00Z"), at("2030-10-25T07:00:00Z"), at("2030-11-01T08:00:00Z"));
  }

  @Test
  void aLocalTimeInTheSpringGapMovesForwardForThatDayOnly() {
    assertThat(berlin("FREQ=DAILY", "2030-03-30T02:30:00").upcoming(at("2030-01-01T00:00:00Z"), 3))
        .containsExactly(at("2030-03-30T01:30:00Z"), at("2030-03-31T01:30:00Z"), at("2030-04-01T00:30:00Z"));
  }

  @Test
  void countsFromDtstartAndStartsAtTheGivenInstantInclusively() {
    Recurrence rule = berlin("FREQ=DAILY;COUNT=3", "2030-01-01T09:00:00");
    assertThat(rule.firstFrom(at("2030-01-02T08:00:00Z"))).contains(at("2030-01-02T08:00:00Z"));
    assertThat(rule.firstFrom(at("2030-01-02T08:00:00.000000001Z"))).contains(at("2030-01-03T08:00:00Z"));
    assertThat(rule.firstFrom(at("2030-01-03T08:00:01Z"))).isEmpty();
  }

  @Test
  void acceptsAnRrulePrefixAndNamesTheBadPart() {
    assertThat(berlin("RRULE:FREQ=MONTHLY;BYDAY=2TU", "2030-01-01T09:00:00").rrule()).isEqualTo("FREQ=MONTHLY;BYDAY=2TU");
    assertThatThrownBy(() -> berlin("FREQ=MONTHLY;BYDAY=2XX", "2030-01-01T09:00:00"))
        .isInstanceOfSatisfying(RuleViolationException.class, e -> {
          assertThat(e.field()).isEqualTo("rrule");
          assertThat(e.getMessage()).contains("XX");
        });
    assertThatThrownBy(() -> berlin("FREQ=MINUTELY", "2030-01-01T09:00:00"))
        .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.getMessage()).contains("too frequent"));
    assertThatThrownBy(() -> Recurrence.of("FREQ=DAILY", LocalDateTime.parse("2030-01-01T09:00:00"), "Europe/Atlantis"))
        .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.field()).isEqualTo("time_zone"));
  }
}
