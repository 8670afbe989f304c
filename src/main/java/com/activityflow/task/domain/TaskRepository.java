package com.activityflow.task.domain;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/**
 * Tasks. Callers outside {@code TaskScope} must not use these finders directly: company scoping
 * and visibility are applied there, in one place.
 */
public interface TaskRepository extends JpaRepository<Task, UUID>, JpaSpecificationExecutor<Task> {

  Optional<Task> findByIdAndCompanyIdAndDeletedFalse(UUID id, UUID companyId);

  @Query(
      "select count(t) from Task t where t.parentTaskId = :parentId and t.deleted = false"
          + " and t.status not in (com.activityflow.task.TaskStatus.COMPLETED,"
          + " com.activityflow.task.TaskStatus.CANCELLED, com.activityflow.task.TaskStatus.REJECTED)")
  long countOpenSubTasks(UUID parentId);

  @Query(
      "select count(t) from Task t where t.assignedToUserId = :userId and t.deleted = false"
          + " and t.status not in (com.activityflow.task.TaskStatus.COMPLETED,"
          + " com.activityflow.task.TaskStatus.CANCELLED, com.activityflow.task.TaskStatus.REJECTED)")
  long countActiveAssigned(UUID userId);
}
