package com.activityflow.communication.mail;

import com.activityflow.communication.ChannelCatalog;
import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.communication.mail.MailCaptureConfiguration.MailCaptureProperties;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One poll of one mailbox: each waiting message is logged in its own transaction (with its
 * ledger row) and only after that commit marked on the server. A crash in between leaves the
 * message unmarked; the next poll finds its key in the ledger and only marks it. A message that
 * fails is stored as malformed instead, and one that cannot even be stored stays unmarked for
 * the next poll, never holding up the messages behind it. A mailbox that cannot be reached is
 * recorded on the channel and alerted ({@link MailboxAlerts}).
 */
@Service
public class MailboxPoller {

  /** What a poll did. {@code error} is set when the mailbox could not be reached or read. */
  public record PollResult(int logged, int alreadyLogged, int malformed, int failed, String error) {
    static PollResult skipped() {
      return new PollResult(0, 0, 0, 0, null);
    }
  }

  /** The step between the commit of a message's log and its mark on the server (tests simulate a crash here). */
  @FunctionalInterface
  interface BeforeMark {
    BeforeMark NOTHING = uid -> {};

    void run(long uid);
  }

  private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

  private final ChannelConfigurationRepository channels;
  private final ChannelCatalog catalog;
  private final MailIngestion ingestion;
  private final MailboxLedger ledger;
  private final MailboxStatus status;
  private final MailboxAlerts alerts;
  private final MailCaptureProperties properties;
  private final Clock clock;

  MailboxPoller(
      ChannelConfigurationRepository channels,
      ChannelCatalog catalog,
      MailIngestion ingestion,
      MailboxLedger ledger,
      MailboxStatus status,
      MailboxAlerts alerts,
      MailCaptureProperties properties,
      Clock clock) {
    this.channels = channels;
    this.catalog = catalog;
    this.ingestion = ingestion;
    this.ledger = ledger;
    this.status = status;
    this.alerts = alerts;
    this.properties = properties;
    this.clock = clock;
  }

  /** Polls the channel's mailbox once; an inactive channel or one without mailbox is left alone. */
  public PollResult poll(UUID channelId) {
    return poll(channelId, BeforeMark.NOTHING);
  }

  PollResult poll(UUID channelId, BeforeMark beforeMark) {
    ChannelConfiguration channel = channels.findById(channelId).orElse(null);
    if (channel == null || !channel.isActive() || !channel.hasMailbox()) {
      return PollResult.skipped();
    }
    int logged = 0;
    int alreadyLogged = 0;
    int malformed = 0;
    int failed = 0;
    try (ImapMailbox mailbox = ImapMailbox.open(settings(channel))) {
      List<ImapMailbox.Fetched> waiting = mailbox.waiting(properties.batchSize());
      for (ImapMailbox.Fetched message : waiting) {
        MailIngestion.Ingested ingested = store(channelId, message);
        if (ingested == null) {
          failed++;
          continue;
        }
        if (!ingested.newlyLogged()) {
          alreadyLogged++;
        } else if (ingested.malformed()) {
          malformed++;
          logged++;
        } else {
          logged++;
        }
        beforeMark.run(message.uid());
        mailbox.markProcessed(message.uid());
        ledger.marked(channelId, ingested.key(), clock.instant());
      }
    } catch (MessagingException | IOException | RuntimeException e) {
      String error = MailIngestion.describe(e);
      LOG.warn("Mailbox of channel {} ({}) cannot be polled: {}", channel.getChannelCode(), channelId, error);
      int failures = status.failed(channelId, clock.instant(), error);
      alerts.pollFailed(channel, error, failures);
      return new PollResult(logged, alreadyLogged, malformed, failed, error);
    }
    status.succeeded(channelId, clock.instant());
    return new PollResult(logged, alreadyLogged, malformed, failed, null);
  }

  private MailIngestion.Ingested store(UUID channelId, ImapMailbox.Fetched message) {
    String key = ingestion.keyOf(message.raw());
    try {
      return ingestion.ingest(channelId, key, message.uid(), message.raw());
    } catch (RuntimeException e) {
      LOG.warn("Message {} of channel {} could not be logged normally; keeping it as malformed", key, channelId, e);
      try {
        return ingestion.ingestUnreadable(channelId, key, message.uid(), message.raw(), MailIngestion.describe(e));
      } catch (RuntimeException again) {
        LOG.error("Message {} of channel {} could not be stored; it stays on the server for the next poll", key, channelId, again);
        return null;
      }
    }
  }

  private ImapMailbox.Settings settings(ChannelConfiguration c) {
    return new ImapMailbox.Settings(
        c.getImapHost(),
        c.getImapPort() == null ? ("ssl".equals(c.getImapSecurity()) ? 993 : 143) : c.getImapPort(),
        c.getImapSecurity(),
        c.getImapUsername(),
        catalog.reveal(c.getImapPasswordEncrypted()).orElse(""),
        c.getImapFolder(),
        c.getProcessedFolder(),
        properties.timeout());
  }
}
