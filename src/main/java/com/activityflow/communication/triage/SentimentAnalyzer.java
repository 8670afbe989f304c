package com.activityflow.communication.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Scores the sentiment of a communication offline with {@link VaderSentiment}. VADER is made
 * for sentences, and an e-mail has many, so the text is cut into sentences (after dropping
 * quoted lines of earlier mails, those starting with {@code >}), each sentence is scored, and
 * the score is the mean compound of the sentences that carry any sentiment (neutral sentences
 * such as greetings and signatures do not dilute it). No sentiment at all scores 0, neutral.
 */
@Component
public class SentimentAnalyzer {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\R+");

  private final VaderSentiment vader;

  public SentimentAnalyzer() {
    this.vader = VaderSentiment.load();
  }

  public Sentiment analyse(String text) {
    if (text == null || text.isBlank()) {
      return Sentiment.of(0.0, 0);
    }
    double sum = 0;
    int counted = 0;
    for (String sentence : sentences(text)) {
      double compound = vader.score(sentence).compound();
      if (compound != 0.0) {
        sum += compound;
        counted++;
      }
    }
    return Sentiment.of(counted == 0 ? 0.0 : sum / counted, counted);
  }

  static List<String> sentences(String text) {
    StringBuilder unquoted = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (!line.stripLeading().startsWith(">")) {
        unquoted.append(line).append('\n');
      }
    }
    List<String> sentences = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(unquoted)) {
      if (!sentence.isBlank()) {
        sentences.add(sentence.strip());
      }
    }
    return sentences;
  }
}
