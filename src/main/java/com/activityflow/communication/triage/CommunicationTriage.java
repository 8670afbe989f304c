package com.activityflow.communication.triage;

import com.activityflow.communication.CommunicationCodes;
import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.communication.domain.CommunicationCategory;
import com.activityflow.communication.domain.CommunicationCategoryRepository;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.communication.followup.FollowUps;
import com.activityflow.directory.DirectoryService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triage of every new communication log (C6), whichever way it came in (API, mailbox, telephony
 * webhook): {@code CommunicationLogs} calls {@link #prepare} before the log's insert and
 * {@link #afterSave} after it, in the transaction that creates the log.
 *
 * <ol>
 *   <li>Sentiment score and label ({@link SentimentAnalyzer}) when the channel has
 *       {@code sentiment_analysis} on and the log has no sentiment given by hand.
 *   <li>Category keyword hits and key topics ({@link TopicExtractor}) when the channel has
 *       {@code auto_categorization} on; only active categories with auto-categorization and
 *       keywords take part.
 *   <li>The {@code communication-triage} table decides category, priority and follow-up; the
 *       category is added (auto-categorization on), the priority only ever raised.
 *   <li>An inbound log on a thread is the customer's reply to the follow-ups waiting there; then a
 *       follow-up starts when the table or the user requires one.
 * </ol>
 *
 * Both channel switches default to on (new channels and the migration's column defaults).
 */
@Service
@Transactional
public class CommunicationTriage {

  private static final List<String> PRIORITIES = CommunicationCodes.PRIORITIES;

  private final CommunicationLogRepository logs;
  private final ChannelConfigurationRepository channels;
  private final CommunicationCategoryRepository categories;
  private final SentimentAnalyzer sentimentAnalyzer;
  private final TopicExtractor topicExtractor;
  private final TriageDecision decision;
  private final FollowUps followUps;
  private final DirectoryService directory;

  CommunicationTriage(
      CommunicationLogRepository logs,
      ChannelConfigurationRepository channels,
      CommunicationCategoryRepository categories,
      SentimentAnalyzer sentimentAnalyzer,
      TopicExtractor topicExtractor,
      TriageDecision decision,
      FollowUps followUps,
      DirectoryService directory) {
    this.logs = logs;
    this.channels = channels;
    this.categories = categories;
    this.sentimentAnalyzer = sentimentAnalyzer;
    this.topicExtractor = topicExtractor;
    this.decision = decision;
    this.followUps = followUps;
    this.directory = directory;
  }

  /**
   * What triage found and decided; {@code followUpReason} is set when a follow-up is to start
   * once the log is saved.
   */
  public record Result(
      Sentiment sentiment, List<String> keyTopics, KeywordHits keywordHits, TriageDecision.Outcome outcome,
      String followUpReason, List<String> changes) {

    /** What triage did, in words, for the audit entry of the log's creation. */
    public String summary() {
      return changes.isEmpty() ? "triage: no change" : "triage: " + String.join("; ", changes);
    }
  }

  /**
   * Analyses and decides before the log's first save, so that everything goes into its insert
   * and the version the caller answers with stays the stored one.
   */
  public Result prepare(CommunicationLog log) {
    Optional<ChannelConfiguration> channel = Optional.ofNullable(log.getChannelId()).flatMap(channels::findById);
    boolean sentimentOn = channel.map(ChannelConfiguration::isSentimentAnalysis).orElse(true);
    boolean categorizationOn = channel.map(ChannelConfiguration::isAutoCategorization).orElse(true);
    String text = text(log);
    List<String> changes = new ArrayList<>();

    Sentiment sentiment = null;
    if (sentimentOn && log.getSentiment() == null && log.getSentimentScore() == null) {
      sentiment = sentimentAnalyzer.analyse(text);
      log.setSentiment(sentiment.label().code(), sentiment.score());
      changes.add("sentiment " + sentiment.label().code() + " (" + sentiment.score() + ")");
    }
    KeywordHits hits = KeywordHits.NONE;
    List<String> topics = log.getKeyTopics();
    if (categorizationOn) {
      hits = topicExtractor.keywordHits(text, keywordsOf(log));
      if (log.getKeyTopics() == null || log.getKeyTopics().isEmpty()) {
        topics = topicExtractor.keyTopics(text, hits, TopicExtractor.MAX_TOPICS);
        log.setKeyTopics(topics);
        changes.add(topics.size() + " key topics"); // not the words: the audit trail is append-only and must hold no personal data
      }
    }

    TriageDecision.Outcome outcome =
        decision.evaluate(
            new TriageDecision.Facts(
                channel.map(ChannelConfiguration::getChannelType).orElse(null),
                log.getDirection(),
                log.getSentimentScore() == null ? null : log.getSentimentScore().doubleValue(),
                log.getSentiment(),
                hits.bestCategory(),
                hits.hits(),
                directory.customerTier(log.getCompanyId(), log.getCustomerId())));
    if (categorizationOn && outcome.categoryCode() != null) {
      categories
          .findByCompanyIdAndCategoryCode(log.getCompanyId(), outcome.categoryCode())
          .filter(CommunicationCategory::isActive)
          .filter(c -> log.getCategoryIds().add(c.getId()))
          .ifPresent(c -> changes.add("category " + c.getCategoryCode()));
    }
    if (outcome.priority() != null && PRIORITIES.indexOf(outcome.priority()) > PRIORITIES.indexOf(log.getPriority())) {
      changes.add("priority " + log.getPriority() + " -> " + outcome.priority());
      log.setPriority(outcome.priority());
    }

    String reason = null;
    if (outcome.followUpRequired() || log.isRequiresFollowUp()) {
      reason =
          outcome.followUpRequired()
              ? "communication-triage: " + describe(log, hits) + " -> follow-up within " + outcome.followUpWithin()
              : "requested when the communication was logged";
      followUps.require(log, outcome.followUpWithin());
      changes.add("follow-up due " + log.getFollowUpDate());
    }
    return new Result(sentiment, topics, hits, outcome, reason, List.copyOf(changes));
  }

  /**
   * After the log is saved: an inbound log is the customer's reply to the follow-ups waiting on
   * its thread (before its own follow-up starts), then its follow-up starts when one is required.
   */
  public void afterSave(CommunicationLog log, Result result) {
    followUps.replyArrived(log);
    if (result.followUpReason() != null) {
      followUps.start(log, result.followUpReason());
    }
  }

  private List<CategoryKeywords> keywordsOf(CommunicationLog log) {
    return categories.findByCompanyIdOrderByCategoryCode(log.getCompanyId()).stream()
        .filter(c -> c.isActive() && c.isAutoCategorization() && c.getKeywords() != null && c.getKeywords().length > 0)
        .map(c -> new CategoryKeywords(c.getCategoryCode(), Arrays.asList(c.getKeywords())))
        .toList();
  }

  private static String describe(CommunicationLog log, KeywordHits hits) {
    return log.getDirection() + ", sentiment " + log.getSentiment() + " (" + log.getSentimentScore() + ")"
        + (hits.bestCategory() == null ? "" : ", keywords of " + hits.bestCategory() + " x" + hits.hits());
  }

  private static String text(CommunicationLog log) {
    return Stream.of(log.getSubject(), log.getContent(), log.getTranscription())
        .filter(Objects::nonNull)
        .filter(s -> !s.isBlank())
        .collect(Collectors.joining("\n"));
  }
}
