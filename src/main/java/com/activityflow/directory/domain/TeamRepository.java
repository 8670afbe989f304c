package com.activityflow.directory.domain;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TeamRepository extends JpaRepository<Team, UUID> {
  Optional<Team> findByCompanyIdAndCode(UUID companyId, String code);
}
