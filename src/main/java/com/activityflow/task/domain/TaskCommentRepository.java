package com.activityflow.task.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TaskCommentRepository extends JpaRepository<TaskComment, UUID> {

  List<TaskComment> findByTaskIdAndDeletedFalseOrderByCreatedAtAsc(UUID taskId);

  Optional<TaskComment> findByIdAndTaskIdAndDeletedFalse(UUID id, UUID taskId);

  List<TaskComment> findByTaskIdAndDeletedFalse(UUID taskId);
}
