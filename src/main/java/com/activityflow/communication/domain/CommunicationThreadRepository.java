package com.activityflow.communication.domain;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CommunicationThreadRepository extends JpaRepository<CommunicationThread, UUID> {

  Optional<CommunicationThread> findByThreadToken(String threadToken);

  Optional<CommunicationThread> findByIdAndCompanyId(UUID id, UUID companyId);
}
