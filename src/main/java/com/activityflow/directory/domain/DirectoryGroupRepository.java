package com.activityflow.directory.domain;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DirectoryGroupRepository extends JpaRepository<DirectoryGroup, UUID> {
  Optional<DirectoryGroup> findByCompanyIdAndCode(UUID companyId, String code);
}
