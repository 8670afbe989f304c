package com.activityflow.communication;

import com.activityflow.communication.domain.CommunicationLog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A communication log as the API returns it. The transcription, attachments, follow-up and thread
 * are included on request ({@code include_transcript}, {@code include_attachments},
 * {@code include_follow_up}, {@code include_thread}).
 */
public record CommunicationView(
    UUID id, UUID customerId, String customerName, UUID contactId, String contactName, UUID assignedToUserId,
    String assignedToUsername, UUID createdByUserId, UUID updatedByUserId, String communicationType, String channel,
    String direction, String subject, Instant startTime, Instant endTime, Integer durationMinutes, String content, String summary,
    String transcription, boolean hasTranscription, String priority, String status, boolean isInternal, String sentiment,
    BigDecimal sentimentScore, List<String> keyTopics, List<String> categories, boolean requiresFollowUp, UUID followUpAssignedTo,
    Instant followUpDate, String followUpStatus, UUID threadId, String threadToken, String messageId, String inReplyTo,
    String fromAddress, List<String> toAddresses, List<String> ccAddresses, boolean malformed, String parseError,
    String externalCallId, String fromNumber, String toNumber, String disposition, String recordingUrl, Instant archivedAt,
    long version, Instant createdAt, Instant updatedAt, List<CommunicationAttachments.AttachmentView> attachments,
    FollowUp followUp, List<ThreadEntry> thread) {

  /** The follow-up of a log: its status, the follow-up task and the process driving it. */
  public record FollowUp(String status, UUID assignedTo, Instant dueDate, UUID taskId, String processInstanceId) {}

  /** Another message of the same conversation. */
  public record ThreadEntry(UUID id, String communicationType, String direction, String subject, Instant startTime, String fromAddress) {}

  /** What the view needs besides the log. */
  record Context(
      String customerName, String contactName, String assignedToUsername, List<String> categories, String threadToken,
      boolean includeTranscript, List<CommunicationAttachments.AttachmentView> attachments, boolean includeFollowUp,
      List<ThreadEntry> thread) {}

  static CommunicationView of(CommunicationLog l, Context c) {
    FollowUp followUp = c.includeFollowUp()
        ? new FollowUp(l.getFollowUpStatus(), l.getFollowUpAssignedTo(), l.getFollowUpDate(), l.getFollowUpTaskId(), l.getFollowUpProcessInstanceId())
        : null;
    return new CommunicationView(
        l.getId(), l.getCustomerId(), c.customerName(), l.getContactId(), c.contactName(), l.getAssignedToUserId(),
        c.assignedToUsername(), l.getCreatedByUserId(), l.getUpdatedByUserId(), l.getCommunicationType(), l.getChannel(),
        l.getDirection(), l.getSubject(), l.getStartTime(), l.getEndTime(), l.getDurationMinutes(), l.getContent(), l.getSummary(),
        c.includeTranscript() ? l.getTranscription() : null, l.getTranscription() != null, l.getPriority(), l.getStatus(),
        l.isInternal(), l.getSentiment(), l.getSentimentScore(), List.copyOf(l.getKeyTopics()), c.categories(), l.isRequiresFollowUp(),
        l.getFollowUpAssignedTo(), l.getFollowUpDate(), l.getFollowUpStatus(), l.getThreadId(), c.threadToken(), l.getMessageId(),
        l.getInReplyTo(), l.getFromAddress(), List.of(l.getToAddresses()), List.of(l.getCcAddresses()), l.isMalformed(),
        l.getParseError(), l.getExternalCallId(), l.getFromNumber(), l.getToNumber(), l.getDisposition(), l.getRecordingUrl(),
        l.getArchivedAt(), l.getVersion(), l.getCreatedAt(), l.getUpdatedAt(), c.attachments(), followUp, c.thread());
  }
}
