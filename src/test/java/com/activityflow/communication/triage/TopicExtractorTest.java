package com.activityflow.communication.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicExtractorTest {

  private final TopicExtractor extractor = new TopicExtractor();

  private static final List<CategoryKeywords> CATEGORIES =
      List.of(
          new CategoryKeywords("billing", List.of("invoice", "refund", "credit note")),
          new CategoryKeywords("complaint", List.of("disappointed", "unacceptable")),
          new CategoryKeywords("sales", List.of("quote", "pricing", "upgrade")));

  private static final String MAIL =
      """
      Hello,

      the invoice for March is wrong again. The invoice lists 40 licences but we have 25.
      I asked for a credit note last month. The credit note never arrived. This is unacceptable.

      Best regards
      """;

  @Test
  void countsWholeWordKeywordHitsPerCategory() {
    KeywordHits hits = extractor.keywordHits(MAIL, CATEGORIES);
    assertThat(hits.bestCategory()).isEqualTo("billing");
    assertThat(hits.hits()).isEqualTo(4); // invoice twice, credit note twice
    assertThat(hits.byCategory()).containsEntry("billing", 4).containsEntry("complaint", 1).doesNotContainKey("sales");
    assertThat(hits.matchedKeywords()).containsExactly("invoice", "credit note", "unacceptable");
  }

  @Test
  void aKeywordInsideAnotherWordIsNoHit() {
    KeywordHits hits = extractor.keywordHits("Please send the quotes and the upgraded invoices.", CATEGORIES);
    assertThat(hits.bestCategory()).isNull();
    assertThat(hits.hits()).isZero();
    assertThat(extractor.keywordHits("QUOTE requested", CATEGORIES).bestCategory()).isEqualTo("sales");
  }

  @Test
  void aTieGoesToTheFirstListedCategory() {
    KeywordHits hits = extractor.keywordHits("The refund was disappointed... I mean disappointing.", CATEGORIES);
    assertThat(hits.byCategory()).containsEntry("billing", 1).containsEntry("complaint", 1);
    assertThat(hits.bestCategory()).isEqualTo("billing");
  }

  @Test
  void keyTopicsStartWithKeywordsThenRepeatedPairsThenFrequentWords() {
    KeywordHits hits = extractor.keywordHits(MAIL, CATEGORIES);
    List<String> topics = extractor.keyTopics(MAIL, hits, TopicExtractor.MAX_TOPICS);
    assertThat(topics).hasSize(5);
    assertThat(topics.subList(0, 3)).containsExactly("invoice", "credit note", "unacceptable");
    assertThat(topics).doesNotContain("the", "hello", "regards", "best", "40", "note");
  }

  @Test
  void repeatedWordPairsBecomeTopics() {
    String note =
        "Customer reports the mobile app crashes at login. The mobile app crashes since the update, "
            + "login impossible on Android.";
    List<String> topics = extractor.keyTopics(note, KeywordHits.NONE, 3);
    assertThat(topics).containsExactly("mobile app", "app crashes", "login");
  }

  @Test
  void emptyTextHasNoTopics() {
    assertThat(extractor.keyTopics("", KeywordHits.NONE, 5)).isEmpty();
    assertThat(extractor.keywordHits(null, CATEGORIES)).isEqualTo(KeywordHits.NONE);
    assertThat(extractor.keyTopics("Hi, thanks! Regards", KeywordHits.NONE, 5)).isEmpty();
  }
}
