package com.activityflow.communication.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A channel a company communicates through (seed 001 section 4.2); email channels carry the IMAP
 * mailbox that is polled. Secrets are held only encrypted.
 */
@Entity
@Table(name = "channel_configurations")
public class ChannelConfiguration {

  @Id private UUID id;
  private UUID companyId;
  private String channelCode;
  private String channelName;
  private String channelType;
  private String description;
  @Column(name = "is_active") private boolean active;
  @Column(name = "is_default") private boolean defaultChannel;
  private boolean requiresAuthentication;
  private String apiEndpoint;
  private String apiKeyEncrypted;
  private String webhookUrl;
  private String webhookSecretEncrypted;
  private boolean autoTranscription;
  private boolean sentimentAnalysis;
  private boolean autoCategorization;
  private String imapHost;
  private Integer imapPort;
  private String imapSecurity;
  private String imapUsername;
  private String imapPasswordEncrypted;
  private String imapFolder;
  private String processedFolder;
  private String mailboxAddress;
  private int pollIntervalSeconds;
  private Instant lastPolledAt;
  private String lastPollError;
  private Instant lastPollErrorAt;
  private int consecutivePollFailures;
  @Version private long version;
  private Instant createdAt;
  private Instant updatedAt;

  protected ChannelConfiguration() {}

  public ChannelConfiguration(UUID id, UUID companyId, String channelCode, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.channelCode = channelCode;
    this.active = true;
    this.sentimentAnalysis = true;
    this.autoCategorization = true;
    this.imapFolder = "INBOX";
    this.pollIntervalSeconds = 60;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public UUID getId() { return id; }
  public UUID getCompanyId() { return companyId; }
  public String getChannelCode() { return channelCode; }
  public String getChannelName() { return channelName; }
  public String getChannelType() { return channelType; }
  public String getDescription() { return description; }
  public boolean isActive() { return active; }
  public boolean isDefaultChannel() { return defaultChannel; }
  public boolean isRequiresAuthentication() { return requiresAuthentication; }
  public String getApiEndpoint() { return apiEndpoint; }
  public String getApiKeyEncrypted() { return apiKeyEncrypted; }
  public String getWebhookUrl() { return webhookUrl; }
  public String getWebhookSecretEncrypted() { return webhookSecretEncrypted; }
  public boolean isAutoTranscription() { return autoTranscription; }
  public boolean isSentimentAnalysis() { return sentimentAnalysis; }
  public boolean isAutoCategorization() { return autoCategorization; }
  public String getImapHost() { return imapHost; }
  public Integer getImapPort() { return imapPort; }
  public String getImapSecurity() { return imapSecurity; }
  public String getImapUsername() { return imapUsername; }
  public String getImapPasswordEncrypted() { return imapPasswordEncrypted; }
  public String getImapFolder() { return imapFolder; }
  public String getProcessedFolder() { return processedFolder; }
  public String getMailboxAddress() { return mailboxAddress; }
  public int getPollIntervalSeconds() { return pollIntervalSeconds; }
  public Instant getLastPolledAt() { return lastPolledAt; }
  public String getLastPollError() { return lastPollError; }
  public Instant getLastPollErrorAt() { return lastPollErrorAt; }
  public int getConsecutivePollFailures() { return consecutivePollFailures; }
  public long getVersion() { return version; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }

  public boolean hasMailbox() {
    return "email".equals(channelType) && imapHost != null && !imapHost.isBlank();
  }

  public void describe(String channelName, String channelType, String description, Instant now) {
    this.channelName = channelName;
    this.channelType = channelType;
    this.description = description;
    this.updatedAt = now;
  }

  public void configure(boolean active, boolean defaultChannel, boolean requiresAuthentication, String apiEndpoint,
      String webhookUrl, boolean autoTranscription, boolean sentimentAnalysis, boolean autoCategorization) {
    this.active = active;
    this.defaultChannel = defaultChannel;
    this.requiresAuthentication = requiresAuthentication;
    this.apiEndpoint = apiEndpoint;
    this.webhookUrl = webhookUrl;
    this.autoTranscription = autoTranscription;
    this.sentimentAnalysis = sentimentAnalysis;
    this.autoCategorization = autoCategorization;
  }

  public void configureMailbox(String host, Integer port, String security, String username, String folder,
      String processedFolder, String mailboxAddress, int pollIntervalSeconds) {
    this.imapHost = host;
    this.imapPort = port;
    this.imapSecurity = security;
    this.imapUsername = username;
    this.imapFolder = folder;
    this.processedFolder = processedFolder;
    this.mailboxAddress = mailboxAddress;
    this.pollIntervalSeconds = pollIntervalSeconds;
  }

  public void setApiKeyEncrypted(String value) { this.apiKeyEncrypted = value; }
  public void setWebhookSecretEncrypted(String value) { this.webhookSecretEncrypted = value; }
  public void setImapPasswordEncrypted(String value) { this.imapPasswordEncrypted = value; }
  public void setDefaultChannel(boolean value) { this.defaultChannel = value; }

  /** Records a poll: success clears the error, a failure counts up. */
  public void recordPoll(Instant at, String error) {
    this.lastPolledAt = at;
    if (error == null) {
      this.lastPollError = null;
      this.consecutivePollFailures = 0;
    } else {
      this.lastPollError = error.length() > 2000 ? error.substring(0, 2000) : error;
      this.lastPollErrorAt = at;
      this.consecutivePollFailures++;
    }
  }
}
