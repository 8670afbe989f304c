package com.activityflow.communication.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * VADER (Hutto &amp; Gilbert, 2014): a lexicon and a handful of rules that score the sentiment of
 * one sentence, offline. The lexicon ({@code communication/triage/vader_lexicon.txt}, MIT, see
 * {@code VADER-LICENSE.txt} beside it) rates about 7,500 words and emoticons from -4 to +4; the
 * rules follow the vaderSentiment-js port: a booster or dampener up to three words before a rated
 * word ("very", "slightly") shifts it by 0.293, a negation ("not", "isn't", "never") flips and
 * damps it by -0.74, a word in CAPITALS among lower-case words adds 0.733, "but" halves what came
 * before and strengthens what follows by half, "kind of" and a few idioms are special, each "!"
 * (up to 4) adds 0.292 and several "?" add up to 0.96 in the direction of the sum, and the sum is
 * normalised to a compound score {@code x / sqrt(x² + 15)} in [-1, 1].
 *
 * <p>One deliberate difference from the port: negation words are recognised in any case ("NOT").
 */
final class VaderSentiment {

  /** The four VADER scores of a text: compound in [-1, 1] and the shares of each polarity. */
  record Scores(double compound, double positive, double neutral, double negative) {}

  static final String LEXICON_RESOURCE = "communication/triage/vader_lexicon.txt";

  private static final double B_INCR = 0.293;
  private static final double B_DECR = -0.293;
  private static final double C_INCR = 0.733;
  private static final double N_SCALAR = -0.74;

  private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
  private static final Pattern WHITESPACE = Pattern.compile("\\s");
  private static final Pattern ALL_CAPS = Pattern.compile("^[^a-z]*[A-Z]+[^a-z]*$");
  private static final List<String> PUNCTUATION_MARKS =
      List.of(".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?");

  private static final Set<String> NEGATE =
      new HashSet<>(
          Arrays.asList(
              "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
              "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt",
              "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt",
              "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt",
              "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without",
              "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite"));

  private static final Map<String, Double> BOOSTERS = new HashMap<>();

  static {
    for (String w :
        List.of(
            "absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
            "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping", "flippin",
            "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly", "hella", "highly", "hugely",
            "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely", "quite", "really",
            "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously", "uber", "unbelievably",
            "unusually", "utterly", "very")) {
      BOOSTERS.put(w, B_INCR);
    }
    for (String w :
        List.of(
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
            "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat", "sort of", "sorta", "sortof",
            "sort-of")) {
      BOOSTERS.put(w, B_DECR);
    }
  }

  private static final Map<String, Double> IDIOMS =
      Map.of(
          "the shit", 3.0,
          "the bomb", 3.0,
          "bad ass", 1.5,
          "yeah right", -2.0,
          "cut the mustard", 2.0,
          "kiss of death", -1.5,
          "hand to mouth", -2.0);

  private final Map<String, Double> lexicon;

  private VaderSentiment(Map<String, Double> lexicon) {
    this.lexicon = lexicon;
  }

  /** Reads the lexicon shipped on the class path. */
  static VaderSentiment load() {
    try (InputStream in = VaderSentiment.class.getClassLoader().getResourceAsStream(LEXICON_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing sentiment lexicon " + LEXICON_RESOURCE);
      }
      Map<String, Double> lexicon = new HashMap<>(8192);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] columns = line.split("\t");
        if (columns.length >= 2 && !columns[0].isEmpty()) {
          lexicon.put(columns[0], Double.parseDouble(columns[1].trim()));
        }
      }
      return new VaderSentiment(Map.copyOf(lexicon));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read sentiment lexicon " + LEXICON_RESOURCE, e);
    }
  }

  int lexiconSize() {
    return lexicon.size();
  }

  /** Scores one sentence (or a short text) as VADER's {@code polarity_scores} does. */
  Scores score(String text) {
    List<String> words = wordsAndEmoticons(text);
    boolean capDifferential = allCapDifferential(words);
    List<Double> sentiments = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String item = words.get(i);
      String lower = item.toLowerCase();
      if ((i < words.size() - 1 && lower.equals("kind") && words.get(i + 1).equalsIgnoreCase("of"))
          || BOOSTERS.containsKey(lower)) {
        sentiments.add(0.0);
        continue;
      }
      sentiments.add(valence(words, i, capDifferential));
    }
    butCheck(words, sentiments);
    return scoreValence(sentiments, text);
  }

  private double valence(List<String> words, int index, boolean capDifferential) {
    String item = words.get(index);
    Double rated = lexicon.get(item.toLowerCase());
    if (rated == null) {
      return 0.0;
    }
    double valence = rated;
    if (capDifferential && isUpper(item)) {
      valence += valence > 0 ? C_INCR : -C_INCR;
    }
    for (int start = 0; start < 3; start++) {
      if (index > start && !lexicon.containsKey(words.get(index - (start + 1)).toLowerCase())) {
        double s = scalarIncDec(words.get(index - (start + 1)), valence, capDifferential);
        if (start == 1 && s != 0) {
          s *= 0.95;
        } else if (start == 2 && s != 0) {
          s *= 0.9;
        }
        valence += s;
        valence = neverCheck(valence, words, start, index);
        if (start == 2) {
          valence = idiomsCheck(valence, words, index);
        }
      }
    }
    return leastCheck(valence, words, index);
  }

  private static double scalarIncDec(String word, double valence, boolean capDifferential) {
    Double booster = BOOSTERS.get(word.toLowerCase());
    if (booster == null) {
      return 0.0;
    }
    double scalar = valence < 0 ? -booster : booster;
    if (capDifferential && isUpper(word)) {
      scalar += valence > 0 ? C_INCR : -C_INCR;
    }
    return scalar;
  }

  private static double neverCheck(double valence, List<String> words, int start, int index) {
    if (start == 0) {
      if (negated(words.get(index - 1))) {
        valence *= N_SCALAR;
      }
    } else if (start == 1) {
      if (words.get(index - 2).equals("never") && (words.get(index - 1).equals("so") || words.get(index - 1).equals("this"))) {
        valence *= 1.5;
      } else if (negated(words.get(index - 2))) {
        valence *= N_SCALAR;
      }
    } else if (start == 2) {
      if ((words.get(index - 3).equals("never")
              && (words.get(index - 2).equals("so") || words.get(index - 2).equals("this")))
          || words.get(index - 1).equals("so")
          || words.get(index - 1).equals("this")) {
        valence *= 1.25;
      } else if (negated(words.get(index - 3))) {
        valence *= N_SCALAR;
      }
    }
    return valence;
  }

  private double idiomsCheck(double valence, List<String> words, int index) {
    String oneZero = words.get(index - 1) + " " + words.get(index);
    String twoOneZero = words.get(index - 2) + " " + words.get(index - 1) + " " + words.get(index);
    String twoOne = words.get(index - 2) + " " + words.get(index - 1);
    String threeTwoOne = words.get(index - 3) + " " + words.get(index - 2) + " " + words.get(index - 1);
    String threeTwo = words.get(index - 3) + " " + words.get(index - 2);
    for (String sequence : List.of(oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo)) {
      if (IDIOMS.containsKey(sequence)) {
        valence = IDIOMS.get(sequence);
        break;
      }
    }
    if (words.size() - 1 > index) {
      String zeroOne = words.get(index) + " " + words.get(index + 1);
      if (IDIOMS.containsKey(zeroOne)) {
        valence = IDIOMS.get(zeroOne);
      }
    }
    if (words.size() - 1 > index + 1) {
      String zeroOneTwo = words.get(index) + " " + words.get(index + 1) + " " + words.get(index + 2);
      if (IDIOMS.containsKey(zeroOneTwo)) {
        valence = IDIOMS.get(zeroOneTwo);
      }
    }
    if (BOOSTERS.containsKey(threeTwo) || BOOSTERS.containsKey(twoOne)) {
      valence += B_DECR;
    }
    return valence;
  }

  private double leastCheck(double valence, List<String> words, int index) {
    if (index > 1
        && words.get(index - 1).equalsIgnoreCase("least")
        && !lexicon.containsKey(words.get(index - 1).toLowerCase())) {
      String before = words.get(index - 2).toLowerCase();
      if (!before.equals("at") && !before.equals("very")) {
        valence *= N_SCALAR;
      }
    } else if (index > 0
        && words.get(index - 1).equalsIgnoreCase("least")
        && !lexicon.containsKey(words.get(index - 1).toLowerCase())) {
      valence *= N_SCALAR;
    }
    return valence;
  }

  private static void butCheck(List<String> words, List<Double> sentiments) {
    int but = words.indexOf("but");
    if (but == -1) {
      but = words.indexOf("BUT");
    }
    if (but == -1) {
      return;
    }
    for (int i = 0; i < sentiments.size(); i++) {
      if (i < but) {
        sentiments.set(i, sentiments.get(i) * 0.5);
      } else if (i > but) {
        sentiments.set(i, sentiments.get(i) * 1.5);
      }
    }
  }

  private static Scores scoreValence(List<Double> sentiments, String text) {
    if (sentiments.isEmpty()) {
      return new Scores(0.0, 0.0, 0.0, 0.0);
    }
    double sum = 0;
    for (double s : sentiments) {
      sum += s;
    }
    double emphasis = punctuationEmphasis(text);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    double compound = normalize(sum);
    double positive = 0;
    double negative = 0;
    int neutral = 0;
    for (double s : sentiments) {
      if (s > 0) {
        positive += s + 1;
      } else if (s < 0) {
        negative += s - 1;
      } else {
        neutral++;
      }
    }
    if (positive > Math.abs(negative)) {
      positive += emphasis;
    } else if (positive < Math.abs(negative)) {
      negative -= emphasis;
    }
    double total = positive + Math.abs(negative) + neutral;
    return new Scores(
        round(compound, 4),
        round(Math.abs(positive / total), 3),
        round(Math.abs(neutral / total), 3),
        round(Math.abs(negative / total), 3));
  }

  private static double punctuationEmphasis(String text) {
    long exclamations = Math.min(4, text.chars().filter(c -> c == '!').count());
    long questions = text.chars().filter(c -> c == '?').count();
    double questionEmphasis = questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0;
    return exclamations * 0.292 + questionEmphasis;
  }

  static double normalize(double score) {
    double normalised = score / Math.sqrt(score * score + 15);
    return Math.max(-1.0, Math.min(1.0, normalised));
  }

  private static double round(double value, int places) {
    return java.math.BigDecimal.valueOf(value).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  private static boolean negated(String word) {
    String lower = word.toLowerCase();
    return NEGATE.contains(lower) || lower.contains("n't");
  }

  private static boolean isUpper(String word) {
    return !word.isEmpty() && ALL_CAPS.matcher(word).matches();
  }

  private static boolean allCapDifferential(List<String> words) {
    long upper = words.stream().filter(VaderSentiment::isUpper).count();
    long differential = words.size() - upper;
    return differential > 0 && differential < words.size();
  }

  /**
   * Splits on white space, drops one-character tokens, and strips leading or trailing punctuation
   * from words while keeping emoticons such as ":)" and contractions such as "isn't".
   */
  private static List<String> wordsAndEmoticons(String text) {
    String[] noPunctuation = WHITESPACE.split(PUNCTUATION.matcher(text).replaceAll(""));
    Map<String, String> wordsPlusPunctuation = new HashMap<>();
    for (String word : noPunctuation) {
      if (word.length() > 1) {
        for (String mark : PUNCTUATION_MARKS) {
          wordsPlusPunctuation.put(mark + word, word);
          wordsPlusPunctuation.put(word + mark, word);
        }
      }
    }
    List<String> words = new ArrayList<>();
    for (String token : WHITESPACE.split(text)) {
      if (token.length() > 1) {
        words.add(wordsPlusPunctuation.getOrDefault(token, token));
      }
    }
    return words;
  }
}
