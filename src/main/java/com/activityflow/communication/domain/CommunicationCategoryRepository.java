package com.activityflow.communication.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CommunicationCategoryRepository extends JpaRepository<CommunicationCategory, UUID> {

  Optional<CommunicationCategory> findByCompanyIdAndCategoryCode(UUID companyId, String categoryCode);

  Optional<CommunicationCategory> findByIdAndCompanyId(UUID id, UUID companyId);

  List<CommunicationCategory> findByCompanyIdOrderByCategoryCode(UUID companyId);

  List<CommunicationCategory> findByCompanyIdAndRetentionDaysIsNotNull(UUID companyId);
}
