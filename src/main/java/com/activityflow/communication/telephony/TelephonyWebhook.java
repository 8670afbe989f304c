package com.activityflow.communication.telephony;

import com.activityflow.communication.CallDispositions;
import com.activityflow.communication.ChannelCatalog;
import com.activityflow.communication.CommunicationLogs;
import com.activityflow.communication.Contacts;
import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.communication.domain.Contact;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Call events from a telephony provider (C5): {@code call.started}, {@code call.ended} and
 * {@code call.transcript}, each signed with the phone channel's webhook secret:
 * {@code X-Signature: sha256=hex(HMAC-SHA256(secret, X-Timestamp + "." + body))}, the timestamp
 * (Unix seconds) at most five minutes old. Events are idempotent per call id, so a provider's
 * retries never log a call twice; a transcript arriving later fills the log's transcription and
 * raises {@code communication.transcription_completed}.
 */
@Service
public class TelephonyWebhook {

  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** One event as the provider sends it (snake_case JSON; unknown fields are ignored). */
  public record CallEvent(
      String event, String callId, String direction, String from, String to, Instant startedAt, Instant endedAt,
      Integer durationSeconds, String disposition, String recordingUrl, String transcript, String agentUsername) {}

  public enum Outcome { CREATED, UPDATED, UNCHANGED }

  private final ChannelConfigurationRepository channels;
  private final ChannelCatalog channelCatalog;
  private final CommunicationLogRepository logs;
  private final CommunicationLogs communicationLogs;
  private final Contacts contacts;
  private final DirectoryService directory;
  private final CallDispositions dispositions;
  private final ObjectReader reader;
  private final Clock clock;

  TelephonyWebhook(ChannelConfigurationRepository channels, ChannelCatalog channelCatalog, CommunicationLogRepository logs,
      CommunicationLogs communicationLogs, Contacts contacts, DirectoryService directory, CallDispositions dispositions,
      ObjectMapper json, Clock clock) {
    this.channels = channels;
    this.channelCatalog = channelCatalog;
    this.logs = logs;
    this.communicationLogs = communicationLogs;
    this.contacts = contacts;
    this.directory = directory;
    this.dispositions = dispositions;
    this.reader = json.readerFor(CallEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.clock = clock;
  }

  @Transactional
  public Outcome receive(UUID channelId, String timestamp, String signature, byte[] body) {
    ChannelConfiguration channel = channels.findById(channelId)
        .filter(c -> c.isActive() && "phone".equals(c.getChannelType()))
        .orElseThrow(() -> NotFoundException.forId("Phone channel", channelId));
    verify(channel, timestamp, signature, body);
    CallEvent event = parse(body);
    return switch (event.event()) {
      case "call.started" -> started(channel, event);
      case "call.ended" -> ended(channel, event);
      case "call.transcript" -> transcript(channel, event);
      default -> throw RuleViolationException.invalid("invalid_value", "event", "event must be one of call.started, call.ended, call.transcript");
    };
  }

  private Outcome started(ChannelConfiguration channel, CallEvent event) {
    if (find(channel, event.callId()).isPresent()) {
      return Outcome.UNCHANGED;
    }
    create(channel, event);
    return Outcome.CREATED;
  }

  private Outcome ended(ChannelConfiguration channel, CallEvent event) {
    Optional<CommunicationLog> existing = find(channel, event.callId());
    if (existing.isEmpty()) {
      create(channel, event); // the start was missed: the end carries everything
      return Outcome.CREATED;
    }
    CommunicationLog log = existing.get();
    if (log.getEndTime() != null) {
      return Outcome.UNCHANGED;
    }
    Instant end = endOf(event, log.getStartTime());
    log.setTimes(log.getStartTime(), end);
    log.setDisposition(dispositions.check("disposition", event.disposition()));
    log.setRecordingUrl(url(event.recordingUrl()));
    log.setContent(describe(event, log.getDirection(), end == null ? null : Duration.between(log.getStartTime(), end)));
    log.touch(null, clock.instant());
    logs.saveAndFlush(log);
    return Outcome.UPDATED;
  }

  private Outcome transcript(ChannelConfiguration channel, CallEvent event) {
    if (event.transcript() == null || event.transcript().isBlank()) {
      throw RuleViolationException.invalid("required", "transcript", "transcript is required for call.transcript");
    }
    if (event.transcript().length() > 200_000) {
      throw RuleViolationException.invalid("too_long", "transcript", "transcript is at most 200000 characters");
    }
    CommunicationLog log = find(channel, event.callId())
        .orElseThrow(() -> RuleViolationException.conflict("unknown_call", "call_id", "No call " + event.callId() + " was logged on this channel"));
    if (event.transcript().equals(log.getTranscription())) {
      return Outcome.UNCHANGED;
    }
    communicationLogs.completeTranscription(log, event.transcript(), null);
    return Outcome.UPDATED;
  }

  private void create(ChannelConfiguration channel, CallEvent event) {
    String direction = event.direction() == null ? "inbound" : event.direction();
    if (!List.of("inbound", "outbound").contains(direction)) {
      throw RuleViolationException.invalid("invalid_value", "direction", "direction must be inbound or outbound");
    }
    String customerNumber = "inbound".equals(direction) ? event.from() : event.to();
    Optional<Contact> contact = contacts.byPhone(channel.getCompanyId(), customerNumber);
    Instant start = event.startedAt() != null ? event.startedAt() : clock.instant();
    Instant end = "call.ended".equals(event.event()) ? endOf(event, start) : null;
    String who = contact.map(Contact::displayName).orElse(customerNumber == null ? "unknown number" : customerNumber);
    String subject = ("inbound".equals(direction) ? "Call from " : "Call to ") + who;
    CommunicationLog log = communicationLogs.capture(new CommunicationLogs.Capture(
        "call", channel, direction, subject, start, end, describe(event, direction, end == null ? null : Duration.between(start, end)),
        contact.map(Contact::getCustomerId).orElse(null), contact.map(Contact::getId).orElse(null), null, null, null, null,
        null, List.of(), List.of(), false, null, null, event.callId(), trim(event.from()), trim(event.to()),
        dispositions.check("disposition", event.disposition()), url(event.recordingUrl())));
    if (event.agentUsername() != null) {
      directory.findUser(event.agentUsername())
          .filter(u -> u.companyId().equals(channel.getCompanyId()) && u.active())
          .map(DirectoryUser::id)
          .ifPresent(log::setAssignedToUserId);
    }
  }

  private Instant endOf(CallEvent event, Instant start) {
    Instant end = event.endedAt();
    if (end == null && event.durationSeconds() != null) {
      end = start.plusSeconds(event.durationSeconds());
    }
    if (end != null && end.isBefore(start)) {
      throw RuleViolationException.invalid("end_before_start", "ended_at", "ended_at is before started_at");
    }
    return end;
  }

  private static String describe(CallEvent event, String direction, Duration duration) {
    StringBuilder text = new StringBuilder("inbound".equals(direction) ? "Inbound" : "Outbound")
        .append(" call from ").append(event.from() == null ? "unknown" : event.from())
        .append(" to ").append(event.to() == null ? "unknown" : event.to());
    if (duration != null) {
      text.append(", ").append(duration.toMinutes()).append(" min ").append(duration.toSecondsPart()).append(" s");
    }
    if (event.disposition() != null) {
      text.append(", ").append(event.disposition().replace('_', ' '));
    }
    return text.append('.').toString();
  }

  private Optional<CommunicationLog> find(ChannelConfiguration channel, String callId) {
    return logs.findByCompanyIdAndExternalCallId(channel.getCompanyId(), callId);
  }

  private CallEvent parse(byte[] body) {
    CallEvent event;
    try {
      event = reader.readValue(body);
    } catch (IOException e) {
      throw RuleViolationException.invalid("malformed_json", "body", "The body is not a call event in JSON");
    }
    if (event == null || event.event() == null) {
      throw RuleViolationException.invalid("required", "event", "event is required");
    }
    if (event.callId() == null || event.callId().isBlank() || event.callId().length() > 100) {
      throw RuleViolationException.invalid("required", "call_id", "call_id is 1 to 100 characters");
    }
    if (event.durationSeconds() != null && event.durationSeconds() < 0) {
      throw RuleViolationException.invalid("invalid_value", "duration_seconds", "duration_seconds cannot be negative");
    }
    return event;
  }

  private void verify(ChannelConfiguration channel, String timestamp, String signature, byte[] body) {
    String secret = channelCatalog.reveal(channel.getWebhookSecretEncrypted())
        .orElseThrow(() -> new BadCredentialsException("The channel has no webhook secret"));
    long seconds;
    try {
      seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
    } catch (NumberFormatException e) {
      throw new BadCredentialsException("X-Timestamp is missing or not Unix seconds");
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new BadCredentialsException("X-Timestamp is more than five minutes off");
    }
    String expected = "sha256=" + sign(secret, seconds, body);
    if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.strip().getBytes(StandardCharsets.US_ASCII))) {
      throw new BadCredentialsException("The signature does not match");
    }
  }

  /** hex(HMAC-SHA256(secret, timestamp + "." + body)), as the provider computes it. */
  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String url(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    if (!(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 1000) {
      throw RuleViolationException.invalid("invalid_url", "recording_url", "recording_url must be an http(s) URL of at most 1000 characters");
    }
    return url;
  }

  private static String trim(String number) {
    return number == null ? null : number.length() > 40 ? number.substring(0, 40) : number;
  }
}
