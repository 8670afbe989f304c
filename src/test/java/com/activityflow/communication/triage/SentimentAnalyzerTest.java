package com.activityflow.communication.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SentimentAnalyzerTest {

  private static final VaderSentiment VADER = VaderSentiment.load();
  private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

  @Test
  void shipsTheUnchangedVaderLexicon() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(VaderSentiment.LEXICON_RESOURCE)) {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
      assertThat(HexFormat.of().formatHex(digest))
          .isEqualTo("ffb6117bfccf798a34e91d72f50604329946e6fd763668092618d5c5b340a298");
    }
    assertThat(VADER.lexiconSize()).isGreaterThan(7000);
    assertThat(getClass().getClassLoader().getResource("communication/triage/VADER-LICENSE.txt")).isNotNull();
  }

  /** The compound scores VADER's authors publish for their demo sentences, rule by rule. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          VADER is smart, handsome, and funny.                                      |  0.8316
          VADER is not smart, handsome, nor funny.                                  | -0.7424
          VADER is smart, handsome, and funny!                                      |  0.8439
          VADER is very smart, handsome, and funny.                                 |  0.8545
          VADER is VERY SMART, handsome, and FUNNY.                                 |  0.9227
          VADER is VERY SMART, handsome, and FUNNY!!!                               |  0.9342
          VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!                  |  0.9469
          The book was good.                                                        |  0.4404
          The book was kind of good.                                                |  0.3832
          The plot was good, but the characters are uncompelling and the dialog is not great. | -0.7042
          At least it isn't a horrible book.                                        |  0.431
          Make sure you :) or :D today!                                             |  0.8633
          Today SUX!                                                                | -0.5461
          Today only kinda sux! But I'll get by, lol                                |  0.2228
          """)
  void matchesTheReferenceScores(String sentence, double compound) {
    assertThat(VADER.score(sentence).compound()).isCloseTo(compound, within(0.0001));
  }

  @Test
  void negationFlipsTheSentiment() {
    assertThat(VADER.score("Your reply was helpful.").compound()).isPositive();
    assertThat(VADER.score("Your reply was not helpful.").compound()).isNegative();
    assertThat(VADER.score("Your reply was NOT helpful.").compound()).isNegative();
  }

  @Test
  void boostersCapitalsAndExclamationsStrengthenIt() {
    double plain = VADER.score("The delivery was bad.").compound();
    double boosted = VADER.score("The delivery was extremely bad.").compound();
    double shouted = VADER.score("The delivery was BAD.").compound();
    double exclaimed = VADER.score("The delivery was bad!!!").compound();
    assertThat(boosted).isLessThan(plain);
    assertThat(shouted).isLessThan(plain);
    assertThat(exclaimed).isLessThan(plain);
    assertThat(VADER.score("The delivery was slightly bad.").compound()).isGreaterThan(plain);
  }

  @Test
  void butShiftsTheWeightToWhatFollows() {
    assertThat(VADER.score("The product is great, but the billing is a disaster.").compound()).isNegative();
    assertThat(VADER.score("The billing was a disaster, but your support is great.").compound()).isPositive();
  }

  @Test
  void anAngryCustomerMailIsNegative() {
    Sentiment s =
        analyzer.analyse(
            """
            Hello,

            I am extremely disappointed. This is the third time the invoice is wrong and nobody
            answered my last two emails. The service is terrible and I am considering cancelling
            our contract!

            Regards,
            Jane
            """);
    assertThat(s.label()).isEqualTo(SentimentLabel.VERY_NEGATIVE);
    assertThat(s.score().doubleValue()).isLessThan(-0.5).isGreaterThanOrEqualTo(-1.0);
    assertThat(s.score().scale()).isEqualTo(2);
  }

  @Test
  void aThankfulCustomerMailIsPositive() {
    Sentiment s =
        analyzer.analyse("Thank you so much for the quick help yesterday. Everything works perfectly now, great job!");
    assertThat(s.label()).isEqualTo(SentimentLabel.VERY_POSITIVE);
    assertThat(s.score().doubleValue()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
  }

  @Test
  void aFactualNoteIsNeutral() {
    Sentiment s = analyzer.analyse("Customer asked for the delivery address of order 4711.");
    assertThat(s.label()).isEqualTo(SentimentLabel.NEUTRAL);
    assertThat(s.score().doubleValue()).isZero();
    assertThat(analyzer.analyse("   ").label()).isEqualTo(SentimentLabel.NEUTRAL);
    assertThat(analyzer.analyse(null).score().doubleValue()).isZero();
  }

  @Test
  void quotedEarlierMailsDoNotCount() {
    Sentiment s =
        analyzer.analyse(
            """
            Thanks, that solved it. Wonderful!

            > I am furious, this is the worst service ever.
            > Nothing works.
            """);
    assertThat(s.score().doubleValue()).isPositive();
  }

  @Test
  void aMildComplaintIsNegativeNotVeryNegative() {
    Sentiment s = analyzer.analyse("The delivery was delayed.");
    assertThat(s.label()).isEqualTo(SentimentLabel.NEGATIVE);
  }

  @Test
  void neutralSentencesDoNotDiluteTheScore() {
    double alone = analyzer.analyse("The new release is awful.").score().doubleValue();
    double withFurniture =
        analyzer.analyse("Hello team. I have a remark about version 2. The new release is awful. Sent from my phone.")
            .score().doubleValue();
    assertThat(withFurniture).isEqualTo(alone);
  }

  @Test
  void labelThresholdsAreVadersRecommendation() {
    assertThat(SentimentLabel.of(-0.5)).isEqualTo(SentimentLabel.VERY_NEGATIVE);
    assertThat(SentimentLabel.of(-0.49)).isEqualTo(SentimentLabel.NEGATIVE);
    assertThat(SentimentLabel.of(0.5)).isEqualTo(SentimentLabel.VERY_POSITIVE);
    assertThat(SentimentLabel.of(0.49)).isEqualTo(SentimentLabel.POSITIVE);
    assertThat(SentimentLabel.of(0.05)).isEqualTo(SentimentLabel.POSITIVE);
    assertThat(SentimentLabel.of(0.04)).isEqualTo(SentimentLabel.NEUTRAL);
    assertThat(SentimentLabel.of(-0.04)).isEqualTo(SentimentLabel.NEUTRAL);
    assertThat(SentimentLabel.of(-0.05)).isEqualTo(SentimentLabel.NEGATIVE);
  }
}
