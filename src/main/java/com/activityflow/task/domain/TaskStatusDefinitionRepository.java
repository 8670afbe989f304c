package com.activityflow.task.domain;

import com.activityflow.task.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TaskStatusDefinitionRepository extends JpaRepository<TaskStatusDefinition, UUID> {

  List<TaskStatusDefinition> findByCompanyIdOrderByCode(UUID companyId);

  Optional<TaskStatusDefinition> findByCompanyIdAndCode(UUID companyId, TaskStatus code);
}
