package com.activityflow.communication.triage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The sentiment of a communication: {@code score} in [-1, 1] with two decimals (the column is
 * numeric(5,2)) and its label. {@code sentences} counts the sentences that carried sentiment.
 */
public record Sentiment(BigDecimal score, SentimentLabel label, int sentences) {

  static Sentiment of(double compound, int sentences) {
    BigDecimal score = BigDecimal.valueOf(compound).setScale(2, RoundingMode.HALF_UP);
    return new Sentiment(score, SentimentLabel.of(score.doubleValue()), sentences);
  }
}
