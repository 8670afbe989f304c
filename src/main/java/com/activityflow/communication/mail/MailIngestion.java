package com.activityflow.communication.mail;

import com.activityflow.directory.DirectoryService;
import com.activityflow.platform.metrics.ActivityMetrics;
import com.activityflow.communication.CommunicationAttachments;
import com.activityflow.communication.CommunicationLogs;
import com.activityflow.communication.Contacts;
import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.communication.domain.CommunicationThread;
import com.activityflow.communication.domain.CommunicationThreadRepository;
import com.activityflow.communication.domain.Contact;
import com.activityflow.platform.storage.FileStore;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one raw mailbox message into an inbound email log, in one transaction with its ledger row:
 * sender linked to a contact (a new contact without customer for an unknown address, as {@link
 * Contacts#unknownSender} does for every channel), thread by {@link ThreadMatcher}, raw source
 * and attachments stored. {@code communication.created} is published by {@link
 * CommunicationLogs#capture}, so triage and follow-ups see the mail like any other log.
 */
@Service
class MailIngestion {

  /** What became of a message: its ledger key, its log, and whether this call created the log. */
  record Ingested(String key, UUID logId, boolean newlyLogged, boolean malformed) {}

  private static final int MAX_HEADER_ID = 998;

  private final EmailParser parser;
  private final ThreadMatcher matcher;
  private final MailboxLedger ledger;
  private final ChannelConfigurationRepository channels;
  private final CommunicationLogRepository logs;
  private final CommunicationThreadRepository threads;
  private final CommunicationLogs communicationLogs;
  private final CommunicationAttachments attachments;
  private final Contacts contacts;
  private final FileStore files;
  private final Clock clock;
  private final DirectoryService directory;
  private final ActivityMetrics metrics;

  MailIngestion(
      EmailParser parser,
      ThreadMatcher matcher,
      MailboxLedger ledger,
      ChannelConfigurationRepository channels,
      CommunicationLogRepository logs,
      CommunicationThreadRepository threads,
      CommunicationLogs communicationLogs,
      CommunicationAttachments attachments,
      Contacts contacts,
      FileStore files,
      Clock clock,
      DirectoryService directory,
      ActivityMetrics metrics) {
    this.parser = parser;
    this.matcher = matcher;
    this.ledger = ledger;
    this.channels = channels;
    this.logs = logs;
    this.threads = threads;
    this.communicationLogs = communicationLogs;
    this.attachments = attachments;
    this.contacts = contacts;
    this.files = files;
    this.clock = clock;
    this.directory = directory;
    this.metrics = metrics;
  }

  /**
   * The ledger key of a message: its Message-ID, or the SHA-256 of its source when it has none
   * (or an absurd one). The same bytes always give the same key, so a retry finds the row.
   */
  String keyOf(byte[] raw) {
    String id = parser.parse(raw).messageId();
    return id != null && id.length() <= MAX_HEADER_ID ? id : "sha256:" + sha256(raw);
  }

  @Transactional
  public Ingested ingest(UUID channelId, String key, long uid, byte[] raw) {
    ChannelConfiguration channel = channel(channelId);
    Optional<Ingested> known = known(channel, key, uid);
    if (known.isPresent()) {
      return known.get();
    }
    ParsedEmail mail = parser.parse(raw);
    Instant now = clock.instant();
    UUID companyId = channel.getCompanyId();
    String from = mail.from() == null ? null : Contacts.normalizeEmail(mail.from().address());
    Contact contact = from == null ? null : contacts.unknownSender(companyId, from, mail.from().name());
    UUID customerId = contact == null ? null : contact.getCustomerId();
    ThreadMatcher.Match match = matcher.match(mail, customerId, threadsOf(companyId));
    String messageId = mail.messageId() != null && mail.messageId().length() <= MAX_HEADER_ID ? mail.messageId() : null;
    String inReplyTo = mail.inReplyTo() != null && mail.inReplyTo().length() <= MAX_HEADER_ID ? mail.inReplyTo() : null;
    CommunicationLog log =
        communicationLogs.capture(
            new CommunicationLogs.Capture(
                "email", channel, "inbound", mail.subject(), mail.sentAt() == null ? now : mail.sentAt(), null,
                mail.content(), customerId, contact == null ? null : contact.getId(),
                match.isNewThread() ? null : match.thread().threadId(), messageId, inReplyTo,
                mail.references().isEmpty() ? null : String.join(" ", mail.references().stream().map(r -> "<" + r + ">").toList()),
                from, addresses(mail.to()), addresses(mail.cc()), mail.malformed(), mail.parseError(),
                storeRaw(channel, raw), null, null, null, null, null));
    for (ParsedAttachment a : mail.attachments()) {
      attachments.capture(log, a.fileName(), a.content());
    }
    ledger.record(channelId, key, log.getId(), uid, now);
    metrics.emailIngested(directory.companyCode(companyId));
    return new Ingested(key, log.getId(), true, mail.malformed());
  }

  /**
   * The last resort when {@link #ingest} failed on a message (a bug, a value the database refuses):
   * the message is still logged, flagged malformed with the error and its raw source, without
   * threading or attachments, so it is neither lost nor retried forever ahead of the others.
   */
  @Transactional
  public Ingested ingestUnreadable(UUID channelId, String key, long uid, byte[] raw, String error) {
    ChannelConfiguration channel = channel(channelId);
    Optional<Ingested> known = known(channel, key, uid);
    if (known.isPresent()) {
      return known.get();
    }
    Instant now = clock.instant();
    String subject = parser.parse(raw).subject();
    CommunicationLog log =
        communicationLogs.capture(
            new CommunicationLogs.Capture(
                "email", channel, "inbound", subject, now, null, "", null, null, null, null, null, null, null, List.of(),
                List.of(), true, "the message could not be stored normally: " + error, storeRaw(channel, raw), null, null,
                null, null, null));
    ledger.record(channelId, key, log.getId(), uid, now);
    metrics.emailIngested(directory.companyCode(channel.getCompanyId()));
    return new Ingested(key, log.getId(), true, true);
  }

  /** Already logged through this mailbox, or (same Message-ID) through another of the company or as our own sent mail. */
  private Optional<Ingested> known(ChannelConfiguration channel, String key, long uid) {
    Optional<UUID> logged = ledger.logOf(channel.getId(), key);
    if (logged.isPresent()) {
      return Optional.of(new Ingested(key, logged.get(), false, false));
    }
    if (key.startsWith("sha256:")) {
      return Optional.empty();
    }
    return logs.findByCompanyIdAndMessageId(channel.getCompanyId(), key)
        .map(
            existing -> {
              ledger.record(channel.getId(), key, existing.getId(), uid, clock.instant());
              return new Ingested(key, existing.getId(), false, existing.isMalformed());
            });
  }

  private ThreadMatcher.Threads threadsOf(UUID companyId) {
    return new ThreadMatcher.Threads() {
      @Override
      public Optional<ThreadMatcher.ThreadRef> byMessageId(String messageId) {
        return logs.findByCompanyIdAndMessageId(companyId, messageId)
            .filter(l -> l.getThreadId() != null)
            .flatMap(l -> threads.findByIdAndCompanyId(l.getThreadId(), companyId))
            .map(MailIngestion::ref);
      }

      @Override
      public Optional<ThreadMatcher.ThreadRef> byId(UUID threadId) {
        return threads.findByIdAndCompanyId(threadId, companyId).map(MailIngestion::ref);
      }

      @Override
      public Optional<ThreadMatcher.ThreadRef> byToken(String token) {
        return threads.findByThreadToken(token).filter(t -> t.getCompanyId().equals(companyId)).map(MailIngestion::ref);
      }
    };
  }

  private static ThreadMatcher.ThreadRef ref(CommunicationThread t) {
    return new ThreadMatcher.ThreadRef(t.getId(), t.getCustomerId());
  }

  private String storeRaw(ChannelConfiguration channel, byte[] raw) {
    String key = "mail/" + channel.getCompanyId() + "/" + channel.getId() + "/" + UUID.randomUUID() + ".eml";
    return files.store(key, "message.eml", new ByteArrayInputStream(raw)).key();
  }

  private ChannelConfiguration channel(UUID channelId) {
    return channels.findById(channelId).orElseThrow(() -> new IllegalArgumentException("No channel " + channelId));
  }

  private static List<String> addresses(List<MailAddress> list) {
    return list.stream().map(a -> Contacts.normalizeEmail(a.address())).filter(a -> a != null).distinct().toList();
  }

  private static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
