package com.activityflow.task.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TaskTemplateRepository extends JpaRepository<TaskTemplate, UUID> {

  List<TaskTemplate> findByCompanyIdOrderByTemplateCode(UUID companyId);

  Optional<TaskTemplate> findByIdAndCompanyId(UUID id, UUID companyId);

  Optional<TaskTemplate> findByCompanyIdAndTemplateCode(UUID companyId, String templateCode);
}
