package com.activityflow.communication.triage;

/**
 * The sentiment label stored on a log (the core's five values), from the compound score with
 * VADER's recommended neutral band: at most {@value #VERY_NEGATIVE_THRESHOLD} is very negative,
 * at most {@value #NEGATIVE_THRESHOLD} negative, at least {@value #VERY_POSITIVE_THRESHOLD} very
 * positive, at least {@value #POSITIVE_THRESHOLD} positive, anything between neutral.
 */
public enum SentimentLabel {
  VERY_NEGATIVE("very_negative"),
  NEGATIVE("negative"),
  NEUTRAL("neutral"),
  POSITIVE("positive"),
  VERY_POSITIVE("very_positive");

  public static final double VERY_NEGATIVE_THRESHOLD = -0.5;
  public static final double NEGATIVE_THRESHOLD = -0.05;
  public static final double POSITIVE_THRESHOLD = 0.05;
  public static final double VERY_POSITIVE_THRESHOLD = 0.5;

  private final String code;

  SentimentLabel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static SentimentLabel of(double compound) {
    if (compound <= VERY_NEGATIVE_THRESHOLD) {
      return VERY_NEGATIVE;
    }
    if (compound <= NEGATIVE_THRESHOLD) {
      return NEGATIVE;
    }
    if (compound >= VERY_POSITIVE_THRESHOLD) {
      return VERY_POSITIVE;
    }
    return compound >= POSITIVE_THRESHOLD ? POSITIVE : NEUTRAL;
  }
}
