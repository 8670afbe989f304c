package com.activityflow.communication.followup;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface FollowUpRepository extends JpaRepository<FollowUp, UUID> {

  Optional<FollowUp> findByLogIdAndCompanyId(UUID logId, UUID companyId);

  List<FollowUp> findByTaskIdAndOutcomeIsNull(UUID taskId);
}
