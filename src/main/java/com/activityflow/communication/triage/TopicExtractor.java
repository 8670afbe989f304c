package com.activityflow.communication.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Key topics and category keyword hits, explainable by counting: no model, no network.
 *
 * <ul>
 *   <li>Key topics: the category keywords found in the text first, then word pairs (two
 *       neighbouring words, neither a stop word) that occur at least twice, then single words
 *       that occur at least twice, then the remaining single words by frequency; ties keep the
 *       order of first appearance; words already part of a chosen pair are skipped. Words are
 *       letters or digits, lower-cased, at least three characters, not a stop word, not a number.
 *   <li>Keyword hits: each keyword (a word or phrase, case-insensitive) counts every whole-word
 *       occurrence; a category's hits are the sum over its keywords.
 * </ul>
 */
@Component
public class TopicExtractor {

  public static final int MAX_TOPICS = 5;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*");
  private static final Pattern CLAUSE_BREAK = Pattern.compile("[.!?;:,()\\[\\]\"\\n\\r]+");

  /** English function words plus the usual furniture of mails and call notes. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
          "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
          "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
          "during", "each", "even", "ever", "few", "for", "from", "further", "get", "got", "had", "hadn't", "has",
          "hasn't", "have", "haven't", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
          "how", "i", "i'm", "i've", "i'd", "i'll", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself",
          "just", "let", "let's", "like", "me", "more", "most", "much", "must", "my", "myself", "no", "nor", "not",
          "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
          "own", "same", "she", "should", "so", "some", "still", "such", "than", "that", "that's", "the", "their",
          "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
          "under", "until", "up", "us", "very", "was", "wasn't", "we", "we're", "we've", "were", "weren't", "what",
          "when", "where", "which", "while", "who", "whom", "why", "will", "with", "won't", "would", "wouldn't",
          "yet", "you", "you're", "you've", "your", "yours", "yourself", "yourselves", "already", "really", "since",
          "may", "might", "shall", "via", "per", "within", "without", "across", "along", "around", "etc",
          // mail and call furniture
          "hi", "hello", "hey", "dear", "thanks", "thank", "regards", "best", "kind", "sincerely", "cheers", "please",
          "sent", "wrote", "re", "fw", "fwd", "mail", "email", "e-mail", "today", "tomorrow", "yesterday", "call",
          "called", "calling", "week", "day", "days", "time", "know", "need", "want", "make", "see", "said",
          "say", "told", "tell", "back", "well", "good", "great", "ok", "okay", "yes", "sure");

  /** The key topics of a text, at most {@code max}, with the matched category keywords first. */
  public List<String> keyTopics(String text, KeywordHits hits, int max) {
    Set<String> topics = new LinkedHashSet<>();
    if (hits != null) {
      hits.matchedKeywords().forEach(k -> topics.add(k.toLowerCase(Locale.ROOT)));
    }
    if (text == null || text.isBlank()) {
      return limit(topics, max);
    }
    Map<String, Integer> words = new LinkedHashMap<>();
    Map<String, Integer> pairs = new LinkedHashMap<>();
    for (String clause : CLAUSE_BREAK.split(text.toLowerCase(Locale.ROOT))) {
      String previous = null;
      Matcher m = WORD.matcher(clause);
      while (m.find()) {
        String word = m.group().replace('’', '\'');
        if (!isContentWord(word)) {
          previous = null;
          continue;
        }
        words.merge(word, 1, Integer::sum);
        if (previous != null) {
          pairs.merge(previous + " " + word, 1, Integer::sum);
        }
        previous = word;
      }
    }
    Set<String> coveredWords = new LinkedHashSet<>();
    topics.forEach(t -> coveredWords.addAll(List.of(t.split(" "))));
    for (Map.Entry<String, Integer> pair : byCount(pairs)) {
      if (pair.getValue() >= 2 && topics.size() < max) {
        topics.add(pair.getKey());
        coveredWords.addAll(List.of(pair.getKey().split(" ")));
      }
    }
    for (Map.Entry<String, Integer> word : byCount(words)) {
      if (topics.size() < max && !coveredWords.contains(word.getKey())) {
        topics.add(word.getKey());
      }
    }
    return limit(topics, max);
  }

  /** Counts the categories' keywords in the text. */
  public KeywordHits keywordHits(String text, List<CategoryKeywords> categories) {
    if (text == null || text.isBlank() || categories == null || categories.isEmpty()) {
      return KeywordHits.NONE;
    }
    String normalised = " " + String.join(" ", words(text)) + " ";
    Map<String, Integer> byCategory = new LinkedHashMap<>();
    Set<String> matched = new LinkedHashSet<>();
    String best = null;
    int bestHits = 0;
    for (CategoryKeywords category : categories) {
      int hits = 0;
      for (String keyword : category.keywords() == null ? List.<String>of() : category.keywords()) {
        List<String> keywordWords = words(keyword);
        if (keywordWords.isEmpty()) {
          continue;
        }
        int found = occurrences(normalised, " " + String.join(" ", keywordWords) + " ");
        if (found > 0) {
          hits += found;
          matched.add(String.join(" ", keywordWords));
        }
      }
      if (hits > 0) {
        byCategory.put(category.code(), hits);
        if (hits > bestHits) {
          best = category.code();
          bestHits = hits;
        }
      }
    }
    return new KeywordHits(best, bestHits, List.copyOf(matched), byCategory);
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group().replace('’', '\''));
    }
    return words;
  }

  private static int occurrences(String haystack, String needle) {
    int count = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length() - 1)) {
      count++;
    }
    return count;
  }

  private static boolean isContentWord(String word) {
    return word.length() >= 3 && !STOP_WORDS.contains(word) && !word.chars().allMatch(Character::isDigit);
  }

  private static List<Map.Entry<String, Integer>> byCount(Map<String, Integer> counts) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    // stable sort: equal counts keep the order of first appearance
    entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    return entries;
  }

  private static List<String> limit(Set<String> topics, int max) {
    return topics.stream().limit(max).toList();
  }
}
