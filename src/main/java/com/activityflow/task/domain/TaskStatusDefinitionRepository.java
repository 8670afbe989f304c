package com.activityflow.task.domain;

import com.activityflow.task.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TaskStatusDefinitionRepository extends JpaRepository<TaskStatusDefinition, UUID> {

  List<TaskStatusDefinition> findByCompanyIdOrderByCode(UUID companyId);

  Optional<TaskStatusDefinition> findByCompanyIdAndCode(UUID companyId, TaskStatus code);

  /**
   * Holds a PostgreSQL advisory lock on the company's statuses until the transaction ends, so
   * that concurrent first requests of a company create its default statuses only once.
   */
  @Query(
      value = "select count(*) from (select pg_advisory_xact_lock(hashtext('task_statuses:' || :companyId))) as locked",
      nativeQuery = true)
  long lockDefaultsOf(@Param("companyId") String companyId);
}
