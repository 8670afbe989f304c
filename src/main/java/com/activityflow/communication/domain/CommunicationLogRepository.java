package com.activityflow.communication.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface CommunicationLogRepository
    extends JpaRepository<CommunicationLog, UUID>, JpaSpecificationExecutor<CommunicationLog> {

  Optional<CommunicationLog> findByCompanyIdAndMessageId(UUID companyId, String messageId);

  Optional<CommunicationLog> findByCompanyIdAndExternalCallId(UUID companyId, String externalCallId);

  List<CommunicationLog> findByThreadIdAndDeletedFalseOrderByStartTime(UUID threadId);

  List<CommunicationLog> findByCompanyIdAndContactId(UUID companyId, UUID contactId);
}
