package com.activityflow.communication.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface CommunicationLogRepository
    extends JpaRepository<CommunicationLog, UUID>, JpaSpecificationExecutor<CommunicationLog> {

  Optional<CommunicationLog> findByCompanyIdAndMessageId(UUID companyId, String messageId);

  Optional<CommunicationLog> findByCompanyIdAndExternalCallId(UUID companyId, String externalCallId);

  List<CommunicationLog> findByThreadIdAndDeletedFalseOrderByStartTime(UUID threadId);

  List<CommunicationLog> findByCompanyIdAndContactId(UUID companyId, UUID contactId);

  /** Inbound logs on a thread logged since {@code since}, other than {@code except}, oldest first. */
  @Query(
      "select l.id from CommunicationLog l where l.companyId = :companyId and l.threadId = :threadId"
          + " and l.direction = 'inbound' and l.deleted = false and l.id <> :except and l.createdAt >= :since"
          + " order by l.createdAt, l.id")
  List<UUID> inboundOnThreadSince(UUID companyId, UUID threadId, UUID except, Instant since);
}
