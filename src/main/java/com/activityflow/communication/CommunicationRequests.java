package com.activityflow.communication;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The commands of the communication log API, as JSON bodies (snake_case). */
public final class CommunicationRequests {

  private CommunicationRequests() {}

  /** A communication logged by a user (seed 001 section 3.1). */
  public record CreateLog(
      @NotBlank(message = "communication_type is required") String communicationType,
      @NotBlank(message = "channel is required") @Size(max = 20, message = "channel is at most 20 characters") String channel,
      @NotBlank(message = "direction is required") String direction,
      @NotBlank(message = "subject is required") @Size(max = 200, message = "subject is at most 200 characters") String subject,
      @NotNull(message = "start_time is required") Instant startTime,
      Instant endTime,
      @NotNull(message = "content is required") @Size(max = 100000, message = "content is at most 100000 characters") String content,
      @Size(max = 5000, message = "summary is at most 5000 characters") String summary,
      @Size(max = 200000, message = "transcription is at most 200000 characters") String transcription,
      String priority,
      String status,
      Boolean isInternal,
      UUID customerId,
      UUID contactId,
      UUID assignedToUserId,
      String sentiment,
      @DecimalMin(value = "-1", message = "sentiment_score is between -1 and 1")
          @DecimalMax(value = "1", message = "sentiment_score is between -1 and 1")
          BigDecimal sentimentScore,
      @Size(max = 20, message = "key_topics has at most 20 entries") List<@Size(max = 100, message = "a key topic is at most 100 characters") String> keyTopics,
      Boolean requiresFollowUp,
      UUID followUpAssignedTo,
      Instant followUpDate,
      @Size(max = 20, message = "category_ids has at most 20 entries") Set<UUID> categoryIds,
      @Schema(description = "email logs: the sender") @Size(max = 320, message = "from_address is at most 320 characters") String fromAddress,
      @Size(max = 50, message = "to_addresses has at most 50 entries") List<@Size(max = 320, message = "an address is at most 320 characters") String> toAddresses,
      @Size(max = 50, message = "cc_addresses has at most 50 entries") List<@Size(max = 320, message = "an address is at most 320 characters") String> ccAddresses,
      @Schema(description = "calls: the caller's number") @Size(max = 40, message = "from_number is at most 40 characters") String fromNumber,
      @Size(max = 40, message = "to_number is at most 40 characters") String toNumber,
      @Size(max = 40, message = "disposition is at most 40 characters") String disposition,
      @Size(max = 1000, message = "recording_url is at most 1000 characters") String recordingUrl,
      @Schema(description = "add to an existing conversation") UUID threadId) {}

  /** Changes to a log; fields left out stay as they are. {@code version} is the one read (409 when stale). */
  public record UpdateLog(
      @NotNull(message = "version is required") Long version,
      @Size(max = 200, message = "subject is at most 200 characters") String subject,
      @Size(max = 100000, message = "content is at most 100000 characters") String content,
      @Size(max = 5000, message = "summary is at most 5000 characters") String summary,
      @Size(max = 200000, message = "transcription is at most 200000 characters") String transcription,
      String priority,
      String status,
      Boolean isInternal,
      Instant startTime,
      Instant endTime,
      UUID customerId,
      UUID contactId,
      String sentiment,
      @DecimalMin(value = "-1", message = "sentiment_score is between -1 and 1")
          @DecimalMax(value = "1", message = "sentiment_score is between -1 and 1")
          BigDecimal sentimentScore,
      @Size(max = 20, message = "key_topics has at most 20 entries") List<@Size(max = 100, message = "a key topic is at most 100 characters") String> keyTopics,
      Boolean requiresFollowUp,
      UUID followUpAssignedTo,
      Instant followUpDate,
      String followUpStatus,
      @Size(max = 20, message = "category_ids has at most 20 entries") Set<UUID> categoryIds,
      @Size(max = 40, message = "disposition is at most 40 characters") String disposition,
      @Size(max = 1000, message = "recording_url is at most 1000 characters") String recordingUrl) {}

  /** Assign to a user (null: back to the unassigned queue). */
  public record AssignLog(UUID assignedToUserId, @Schema(description = "notify the assignee (default true)") Boolean notifyAssignee) {}
}
