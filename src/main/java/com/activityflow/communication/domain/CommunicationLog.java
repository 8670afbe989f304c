package com.activityflow.communication.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * One logged communication with a customer: a call, an email, a meeting... (seed 001 section
 * 3.1), plus what threading (Message-ID, thread), calls (numbers, disposition, recording) and the
 * follow-up process need. Its rules live in {@code CommunicationLogs}.
 */
@Entity
@Table(name = "communication_logs")
public class CommunicationLog implements Persistable<UUID> {

  @Id private UUID id;
  private UUID companyId;
  private UUID customerId;
  private UUID contactId;
  private UUID assignedToUserId;
  private UUID createdByUserId;
  private UUID updatedByUserId;

  private String communicationType;
  private String channel;
  private UUID channelId;
  private String direction;
  private String subject;

  private Instant startTime;
  private Instant endTime;
  private Integer durationMinutes;

  private String content;
  private String summary;
  private String transcription;

  private String priority;
  private String status;
  @Column(name = "is_internal") private boolean internal;

  private String sentiment;
  private BigDecimal sentimentScore;
  @JdbcTypeCode(SqlTypes.JSON) private List<String> keyTopics = new ArrayList<>();

  private boolean requiresFollowUp;
  private UUID followUpAssignedTo;
  private Instant followUpDate;
  private String followUpStatus;
  private String followUpProcessInstanceId;
  private UUID followUpTaskId;

  private UUID threadId;
  private String messageId;
  private String inReplyTo;
  private String referencesHeader;
  private String fromAddress;
  private String[] toAddresses = new String[0];
  private String[] ccAddresses = new String[0];
  private boolean malformed;
  private String parseError;
  private String rawSourcePath;

  private String externalCallId;
  private String fromNumber;
  private String toNumber;
  private String disposition;
  private String recordingUrl;

  private Instant archivedAt;
  private Instant anonymizedAt;
  @Version private long version;
  private Instant createdAt;
  private Instant updatedAt;
  @Column(name = "is_deleted") private boolean deleted;

  @ElementCollection
  @org.hibernate.annotations.BatchSize(size = 200)
  @CollectionTable(name = "communication_log_categories", joinColumns = @JoinColumn(name = "log_id"))
  @Column(name = "category_id")
  private Set<UUID> categoryIds = new HashSet<>();

  @Transient private boolean isNew;

  protected CommunicationLog() {}

  public CommunicationLog(UUID id, UUID companyId, UUID createdByUserId, Instant now) {
    this.id = id;
    this.companyId = companyId;
    this.createdByUserId = createdByUserId;
    this.priority = "normal";
    this.status = "logged";
    this.createdAt = now;
    this.updatedAt = now;
    this.isNew = true;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  @PostLoad
  @PostPersist
  void markNotNew() {
    this.isNew = false;
  }

  /** Start and end give the duration in whole minutes (seed 001 section 6.2). */
  public void setTimes(Instant startTime, Instant endTime) {
    this.startTime = startTime;
    this.endTime = endTime;
    this.durationMinutes = endTime == null ? null : (int) Duration.between(startTime, endTime).toMinutes();
  }

  public void touch(UUID userId, Instant now) {
    this.updatedByUserId = userId;
    this.updatedAt = now;
  }

  // plain accessors: the rules live in CommunicationLogs
  @Override public UUID getId() { return id; }
  public UUID getCompanyId() { return companyId; }
  public UUID getCustomerId() { return customerId; }
  public void setCustomerId(UUID v) { customerId = v; }
  public UUID getContactId() { return contactId; }
  public void setContactId(UUID v) { contactId = v; }
  public UUID getAssignedToUserId() { return assignedToUserId; }
  public void setAssignedToUserId(UUID v) { assignedToUserId = v; }
  public UUID getCreatedByUserId() { return createdByUserId; }
  public UUID getUpdatedByUserId() { return updatedByUserId; }
  public String getCommunicationType() { return communicationType; }
  public void setCommunicationType(String v) { communicationType = v; }
  public String getChannel() { return channel; }
  public UUID getChannelId() { return channelId; }
  public void setChannel(String code, UUID channelId) { this.channel = code; this.channelId = channelId; }
  public String getDirection() { return direction; }
  public void setDirection(String v) { direction = v; }
  public String getSubject() { return subject; }
  public void setSubject(String v) { subject = v; }
  public Instant getStartTime() { return startTime; }
  public Instant getEndTime() { return endTime; }
  public Integer getDurationMinutes() { return durationMinutes; }
  public String getContent() { return content; }
  public void setContent(String v) { content = v; }
  public String getSummary() { return summary; }
  public void setSummary(String v) { summary = v; }
  public String getTranscription() { return transcription; }
  public void setTranscription(String v) { transcription = v; }
  public String getPriority() { return priority; }
  public void setPriority(String v) { priority = v; }
  public String getStatus() { return status; }
  public void setStatus(String v) { status = v; }
  public boolean isInternal() { return internal; }
  public void setInternal(boolean v) { internal = v; }
  public String getSentiment() { return sentiment; }
  public BigDecimal getSentimentScore() { return sentimentScore; }
  public void setSentiment(String label, BigDecimal score) { sentiment = label; sentimentScore = score; }
  public List<String> getKeyTopics() { return keyTopics; }
  public void setKeyTopics(List<String> v) { keyTopics = new ArrayList<>(v); }
  public boolean isRequiresFollowUp() { return requiresFollowUp; }
  public void setRequiresFollowUp(boolean v) { requiresFollowUp = v; }
  public UUID getFollowUpAssignedTo() { return followUpAssignedTo; }
  public void setFollowUpAssignedTo(UUID v) { followUpAssignedTo = v; }
  public Instant getFollowUpDate() { return followUpDate; }
  public void setFollowUpDate(Instant v) { followUpDate = v; }
  public String getFollowUpStatus() { return followUpStatus; }
  public void setFollowUpStatus(String v) { followUpStatus = v; }
  public String getFollowUpProcessInstanceId() { return followUpProcessInstanceId; }
  public void setFollowUpProcessInstanceId(String v) { followUpProcessInstanceId = v; }
  public UUID getFollowUpTaskId() { return followUpTaskId; }
  public void setFollowUpTaskId(UUID v) { followUpTaskId = v; }
  public UUID getThreadId() { return threadId; }
  public void setThreadId(UUID v) { threadId = v; }
  public String getMessageId() { return messageId; }
  public String getInReplyTo() { return inReplyTo; }
  public String getReferencesHeader() { return referencesHeader; }
  public void setMessageHeaders(String messageId, String inReplyTo, String references) {
    this.messageId = messageId;
    this.inReplyTo = inReplyTo;
    this.referencesHeader = references;
  }
  public String getFromAddress() { return fromAddress; }
  public String[] getToAddresses() { return toAddresses; }
  public String[] getCcAddresses() { return ccAddresses; }
  public void setAddresses(String from, String[] to, String[] cc) {
    this.fromAddress = from;
    this.toAddresses = to == null ? new String[0] : to;
    this.ccAddresses = cc == null ? new String[0] : cc;
  }
  public boolean isMalformed() { return malformed; }
  public String getParseError() { return parseError; }
  public String getRawSourcePath() { return rawSourcePath; }
  public void setRawSource(String path, boolean malformed, String parseError) {
    this.rawSourcePath = path;
    this.malformed = malformed;
    this.parseError = parseError;
  }
  public String getExternalCallId() { return externalCallId; }
  public String getFromNumber() { return fromNumber; }
  public String getToNumber() { return toNumber; }
  public String getDisposition() { return disposition; }
  public void setDisposition(String v) { disposition = v; }
  public String getRecordingUrl() { return recordingUrl; }
  public void setRecordingUrl(String v) { recordingUrl = v; }
  public void setCall(String externalCallId, String fromNumber, String toNumber) {
    this.externalCallId = externalCallId;
    this.fromNumber = fromNumber;
    this.toNumber = toNumber;
  }
  public Instant getArchivedAt() { return archivedAt; }
  public void setArchivedAt(Instant v) { archivedAt = v; }
  public Instant getAnonymizedAt() { return anonymizedAt; }
  public void setAnonymizedAt(Instant v) { anonymizedAt = v; }
  public long getVersion() { return version; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
  public boolean isDeleted() { return deleted; }
  public void setDeleted(boolean v) { deleted = v; }
  public Set<UUID> getCategoryIds() { return categoryIds; }
}
