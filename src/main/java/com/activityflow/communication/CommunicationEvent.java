package com.activityflow.communication;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something happened to a communication log (seed 001 section 9.3). Published inside the
 * transaction of the change, so the webhook outbox commits or rolls back with it; the live stream
 * sends it after commit to the users who may see the log.
 *
 * @param actorUserId who made the change; null when a mailbox, a telephony webhook or a process did
 */
public record CommunicationEvent(
    String type, UUID communicationLogId, UUID companyId, UUID actorUserId, Instant occurredAt, Map<String, Object> data) {

  public static final String CREATED = "communication.created";
  public static final String ASSIGNED = "communication.assigned";
  public static final String STATUS_CHANGED = "communication.status_changed";
  public static final String TRANSCRIPTION_COMPLETED = "communication.transcription_completed";
}
