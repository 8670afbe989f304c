package com.activityflow.notification;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface InAppNotificationRepository extends JpaRepository<InAppNotification, UUID> {

  Page<InAppNotification> findByCompanyIdAndRecipientUserId(UUID companyId, UUID recipientUserId, Pageable page);

  Page<InAppNotification> findByCompanyIdAndRecipientUserIdAndReadAtIsNull(
      UUID companyId, UUID recipientUserId, Pageable page);

  long countByCompanyIdAndRecipientUserIdAndReadAtIsNull(UUID companyId, UUID recipientUserId);

  Optional<InAppNotification> findByIdAndCompanyIdAndRecipientUserId(UUID id, UUID companyId, UUID recipientUserId);

  @Modifying
  @Query(
      "update InAppNotification n set n.readAt = :at"
          + " where n.companyId = :companyId and n.recipientUserId = :userId and n.readAt is null")
  int markAllRead(UUID companyId, UUID userId, Instant at);
}
