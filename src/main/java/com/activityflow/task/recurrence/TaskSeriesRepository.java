package com.activityflow.task.recurrence;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Series; the API reaches them only through the company-scoped finders. */
interface TaskSeriesRepository extends JpaRepository<TaskSeries, UUID> {

  Optional<TaskSeries> findByIdAndCompanyId(UUID id, UUID companyId);

  Page<TaskSeries> findByCompanyId(UUID companyId, Pageable pageable);
}
