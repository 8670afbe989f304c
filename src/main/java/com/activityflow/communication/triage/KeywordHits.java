package com.activityflow.communication.triage;

import java.util.List;
import java.util.Map;

/**
 * Which categories' keywords a text contains. {@code bestCategory} is the category with the most
 * hits (the first listed on a tie), null without any hit; {@code hits} its hit count;
 * {@code byCategory} the hit count of every category that had one, in the order given.
 */
public record KeywordHits(String bestCategory, int hits, List<String> matchedKeywords, Map<String, Integer> byCategory) {

  static final KeywordHits NONE = new KeywordHits(null, 0, List.of(), Map.of());
}
