package com.activityflow.communication.followup;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface FollowUpRepository extends JpaRepository<FollowUp, UUID> {

  Optional<FollowUp> findByLogIdAndCompanyId(UUID logId, UUID companyId);

  List<FollowUp> findByTaskIdAndOutcomeIsNull(UUID taskId);

  /**
   * The follow-up, locked until the transaction ends. The process's first step and a reply on the
   * thread ({@link #lockActiveOnThread}) take this lock, so one of them always sees the other.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select f from FollowUp f where f.logId = :logId")
  Optional<FollowUp> lockById(UUID logId);

  /** The running follow-ups on a thread, locked until the transaction ends (in key order). */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select f from FollowUp f where f.threadId = :threadId and f.companyId = :companyId and f.outcome is null order by f.logId")
  List<FollowUp> lockActiveOnThread(UUID threadId, UUID companyId);
}
