package com.activityflow.communication;

import com.activityflow.audit.AuditTrail;
import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.crypto.SecretBox;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The channels a company communicates through (seed 001 section 4.2). Secrets (API key, webhook
 * signing secret, mailbox password) are write-only: stored encrypted with CHANNEL_SECRET_KEY and
 * shown only as "is set".
 */
@Service
@Transactional
public class ChannelCatalog {

  /** Create or replace a channel's settings. Secrets left out (null) keep their stored value; "" clears one. */
  public record ChannelRequest(
      @NotBlank(message = "channel_code is required") @Pattern(regexp = "[a-z0-9_]{1,20}", message = "channel_code is 1 to 20 of a-z, 0-9, _") String channelCode,
      @NotBlank(message = "channel_name is required") @Size(max = 100, message = "channel_name is at most 100 characters") String channelName,
      @NotBlank(message = "channel_type is required") String channelType,
      @Size(max = 2000, message = "description is at most 2000 characters") String description,
      Boolean isActive,
      Boolean isDefault,
      Boolean requiresAuthentication,
      @Size(max = 500, message = "api_endpoint is at most 500 characters") String apiEndpoint,
      @Size(max = 255, message = "api_key is at most 255 characters") String apiKey,
      @Size(max = 500, message = "webhook_url is at most 500 characters") String webhookUrl,
      @Size(max = 255, message = "webhook_secret is at most 255 characters") String webhookSecret,
      Boolean autoTranscription,
      Boolean sentimentAnalysis,
      Boolean autoCategorization,
      @Size(max = 255, message = "imap_host is at most 255 characters") String imapHost,
      @Min(value = 1, message = "imap_port is 1 to 65535") @Max(value = 65535, message = "imap_port is 1 to 65535") Integer imapPort,
      @Pattern(regexp = "ssl|starttls|none", message = "imap_security must be one of ssl, starttls, none") String imapSecurity,
      @Size(max = 255, message = "imap_username is at most 255 characters") String imapUsername,
      @Size(max = 255, message = "imap_password is at most 255 characters") String imapPassword,
      @Size(max = 255, message = "imap_folder is at most 255 characters") String imapFolder,
      @Size(max = 255, message = "processed_folder is at most 255 characters") String processedFolder,
      @Size(max = 320, message = "mailbox_address is at most 320 characters") String mailboxAddress,
      @Min(value = 10, message = "poll_interval_seconds is at least 10") @Max(value = 86400, message = "poll_interval_seconds is at most 86400") Integer pollIntervalSeconds,
      Long version) {}

  /** A channel as the API shows it: never a secret, only whether it is set. */
  public record ChannelView(
      UUID id, String channelCode, String channelName, String channelType, String description, boolean isActive,
      boolean isDefault, boolean requiresAuthentication, String apiEndpoint, boolean hasApiKey, String webhookUrl,
      boolean hasWebhookSecret, boolean autoTranscription, boolean sentimentAnalysis, boolean autoCategorization,
      Mailbox mailbox, long version, Instant createdAt, Instant updatedAt) {}

  /** An email channel's mailbox and how its polling goes. */
  public record Mailbox(
      String imapHost, Integer imapPort, String imapSecurity, String imapUsername, boolean hasImapPassword, String imapFolder,
      String processedFolder, String mailboxAddress, int pollIntervalSeconds, Instant lastPolledAt, String lastPollError,
      Instant lastPollErrorAt, int consecutivePollFailures) {}

  private final ChannelConfigurationRepository channels;
  private final CommunicationAccessPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecretBox secrets;

  ChannelCatalog(ChannelConfigurationRepository channels, CommunicationAccessPolicy policy, AuditTrail audit, Clock clock,
      @Value("${activityflow.channels.secret-key:}") String secretKey) {
    this.channels = channels;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
    this.secrets = new SecretBox(secretKey, "CHANNEL_SECRET_KEY");
  }

  @Transactional(readOnly = true)
  public List<ChannelView> list(DirectoryUser user, Boolean active, String channelType, Boolean isDefault) {
    policy.checkMayRead(user);
    CommunicationCodes.check("channel_type", channelType, CommunicationCodes.CHANNEL_TYPES);
    return channels.findByCompanyIdOrderByChannelCode(user.companyId()).stream()
        .filter(c -> active == null || c.isActive() == active)
        .filter(c -> channelType == null || c.getChannelType().equals(channelType))
        .filter(c -> isDefault == null || c.isDefaultChannel() == isDefault)
        .map(ChannelCatalog::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public ChannelView get(UUID id, DirectoryUser user) {
    policy.checkMayRead(user);
    return view(load(id, user.companyId()));
  }

  public ChannelView create(ChannelRequest request, DirectoryUser user) {
    policy.checkMayConfigure(user);
    if (channels.findByCompanyIdAndChannelCode(user.companyId(), request.channelCode()).isPresent()) {
      throw RuleViolationException.conflict("duplicate_channel_code", "channel_code", "A channel " + request.channelCode() + " exists");
    }
    ChannelConfiguration channel = new ChannelConfiguration(UUID.randomUUID(), user.companyId(), request.channelCode(), clock.instant());
    apply(channel, request, user);
    channel = channels.saveAndFlush(channel);
    audit.record(user.companyId(), user.id(), user.username(), "create", "channel_configuration", channel.getId().toString(),
        List.of(new AuditTrail.FieldChange("channel_code", null, channel.getChannelCode())), null);
    return view(channel);
  }

  public ChannelView update(UUID id, ChannelRequest request, DirectoryUser user) {
    policy.checkMayConfigure(user);
    ChannelConfiguration channel = load(id, user.companyId());
    if (request.version() != null && request.version() != channel.getVersion()) {
      throw RuleViolationException.conflict("version_conflict", "version", "The channel was changed by someone else; reload it");
    }
    if (!channel.getChannelCode().equals(request.channelCode())) {
      throw RuleViolationException.invalid("channel_code_fixed", "channel_code", "A channel's code cannot change (logs refer to it)");
    }
    List<AuditTrail.FieldChange> changes = new ArrayList<>();
    if (channel.isActive() != (request.isActive() == null || request.isActive())) {
      changes.add(new AuditTrail.FieldChange("is_active", String.valueOf(channel.isActive()), String.valueOf(!channel.isActive())));
    }
    apply(channel, request, user);
    channels.saveAndFlush(channel);
    for (String secret : List.of("api_key", "webhook_secret", "imap_password")) {
      Object value = switch (secret) {
        case "api_key" -> request.apiKey();
        case "webhook_secret" -> request.webhookSecret();
        default -> request.imapPassword();
      };
      if (value != null) {
        changes.add(new AuditTrail.FieldChange(secret, "(secret)", "(secret changed)"));
      }
    }
    audit.record(user.companyId(), user.id(), user.username(), "update", "channel_configuration", channel.getId().toString(), changes, null);
    return view(channel);
  }

  private void apply(ChannelConfiguration channel, ChannelRequest request, DirectoryUser user) {
    CommunicationCodes.check("channel_type", request.channelType(), CommunicationCodes.CHANNEL_TYPES);
    checkUrl("api_endpoint", request.apiEndpoint());
    checkUrl("webhook_url", request.webhookUrl());
    channel.describe(request.channelName().strip(), request.channelType(), request.description(), clock.instant());
    channel.configure(
        request.isActive() == null || request.isActive(), Boolean.TRUE.equals(request.isDefault()),
        Boolean.TRUE.equals(request.requiresAuthentication()), blankToNull(request.apiEndpoint()), blankToNull(request.webhookUrl()),
        Boolean.TRUE.equals(request.autoTranscription()), request.sentimentAnalysis() == null || request.sentimentAnalysis(),
        request.autoCategorization() == null || request.autoCategorization());
    if (request.imapHost() != null && !request.imapHost().isBlank()) {
      if (!"email".equals(request.channelType())) {
        throw RuleViolationException.invalid("mailbox_needs_email_channel", "imap_host", "Only email channels have a mailbox");
      }
      if (request.imapUsername() == null || request.imapUsername().isBlank()) {
        throw RuleViolationException.invalid("required", "imap_username", "A mailbox needs imap_username");
      }
      if (Contacts.normalizeEmail(request.mailboxAddress()) == null) {
        throw RuleViolationException.invalid("invalid_email", "mailbox_address", "A mailbox needs its email address (mailbox_address)");
      }
      String security = request.imapSecurity() == null ? "ssl" : request.imapSecurity();
      int port = request.imapPort() != null ? request.imapPort() : ("ssl".equals(security) ? 993 : 143);
      channel.configureMailbox(request.imapHost().strip(), port, security, request.imapUsername(),
          request.imapFolder() == null || request.imapFolder().isBlank() ? "INBOX" : request.imapFolder(),
          blankToNull(request.processedFolder()), Contacts.normalizeEmail(request.mailboxAddress()),
          request.pollIntervalSeconds() == null ? 60 : request.pollIntervalSeconds());
      if (channel.getImapPasswordEncrypted() == null && (request.imapPassword() == null || request.imapPassword().isEmpty())) {
        throw RuleViolationException.invalid("required", "imap_password", "A mailbox needs imap_password");
      }
    } else {
      channel.configureMailbox(null, null, null, null, "INBOX", null, Contacts.normalizeEmail(request.mailboxAddress()),
          request.pollIntervalSeconds() == null ? 60 : request.pollIntervalSeconds());
    }
    channel.setApiKeyEncrypted(secret(request.apiKey(), channel.getApiKeyEncrypted(), "api_key"));
    channel.setWebhookSecretEncrypted(secret(request.webhookSecret(), channel.getWebhookSecretEncrypted(), "webhook_secret"));
    channel.setImapPasswordEncrypted(secret(request.imapPassword(), channel.getImapPasswordEncrypted(), "imap_password"));
    if (channel.isDefaultChannel()) {
      // one default per channel type
      channels.findByCompanyIdOrderByChannelCode(user.companyId()).stream()
          .filter(c -> !c.getId().equals(channel.getId()) && c.isDefaultChannel() && c.getChannelType().equals(channel.getChannelType()))
          .forEach(c -> c.setDefaultChannel(false));
    }
  }

  private String secret(String given, String stored, String field) {
    if (given == null) {
      return stored;
    }
    if (given.isEmpty()) {
      return null;
    }
    if (!secrets.configured()) {
      throw RuleViolationException.conflict("secrets_not_configured", field,
          "Storing channel secrets needs CHANNEL_SECRET_KEY (activityflow.channels.secret-key) to be set");
    }
    return secrets.encrypt(given);
  }

  /** A channel's secret in clear, for the code that uses it (mailbox login, webhook signature check). */
  public Optional<String> reveal(String encrypted) {
    return encrypted == null ? Optional.empty() : Optional.of(secrets.decrypt(encrypted));
  }

  /** The active channel with this code, or a 400 naming {@code channel} (seed 001 section 6.2). */
  @Transactional(readOnly = true)
  public ChannelConfiguration activeChannel(UUID companyId, String code) {
    return channels.findByCompanyIdAndChannelCode(companyId, code)
        .filter(ChannelConfiguration::isActive)
        .orElseThrow(() -> RuleViolationException.invalid("inactive_channel", "channel", "Channel '" + code + "' is not active or not configured"));
  }

  ChannelConfiguration load(UUID id, UUID companyId) {
    return channels.findByIdAndCompanyId(id, companyId).orElseThrow(() -> NotFoundException.forId("Channel configuration", id));
  }

  static ChannelView view(ChannelConfiguration c) {
    Mailbox mailbox = "email".equals(c.getChannelType())
        ? new Mailbox(c.getImapHost(), c.getImapPort(), c.getImapSecurity(), c.getImapUsername(), c.getImapPasswordEncrypted() != null,
            c.getImapFolder(), c.getProcessedFolder(), c.getMailboxAddress(), c.getPollIntervalSeconds(), c.getLastPolledAt(),
            c.getLastPollError(), c.getLastPollErrorAt(), c.getConsecutivePollFailures())
        : null;
    return new ChannelView(c.getId(), c.getChannelCode(), c.getChannelName(), c.getChannelType(), c.getDescription(), c.isActive(),
        c.isDefaultChannel(), c.isRequiresAuthentication(), c.getApiEndpoint(), c.getApiKeyEncrypted() != null, c.getWebhookUrl(),
        c.getWebhookSecretEncrypted() != null, c.isAutoTranscription(), c.isSentimentAnalysis(), c.isAutoCategorization(), mailbox,
        c.getVersion(), c.getCreatedAt(), c.getUpdatedAt());
  }

  private static void checkUrl(String field, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      URI uri = URI.create(value.strip());
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw RuleViolationException.invalid("invalid_url", field, field + " must be an http(s) URL");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
