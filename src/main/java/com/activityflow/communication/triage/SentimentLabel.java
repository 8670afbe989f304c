package com.activityflow.communication.triage;

/**
 * The sentiment label stored on a log, from the compound score with VADER's recommended
 * thresholds: at least {@value #POSITIVE_THRESHOLD} is positive, at most
 * {@value #NEGATIVE_THRESHOLD} negative, anything between neutral.
 */
public enum SentimentLabel {
  POSITIVE("positive"),
  NEUTRAL("neutral"),
  NEGATIVE("negative");

  public static final double POSITIVE_THRESHOLD = 0.05;
  public static final double NEGATIVE_THRESHOLD = -0.05;

  private final String code;

  SentimentLabel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static SentimentLabel of(double compound) {
    if (compound >= POSITIVE_THRESHOLD) {
      return POSITIVE;
    }
    return compound <= NEGATIVE_THRESHOLD ? NEGATIVE : NEUTRAL;
  }
}
