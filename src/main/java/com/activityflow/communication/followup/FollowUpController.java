package com.activityflow.communication.followup;

import com.activityflow.communication.CommunicationAccessPolicy;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The follow-up of a communication log: deadline, task, escalation and the reply that ended it. */
@RestController
@Tag(name = "Communication logs")
@SecurityRequirement(name = "bearer")
class FollowUpController {

  /** A follow-up as the API returns it; {@code outcome} is null while it runs. */
  record FollowUpView(
      UUID logId, UUID threadId, String processInstanceId, UUID taskId, UUID personUserId, Instant dueAt, String reason,
      Instant escalatedAt, String outcome, UUID replyLogId, Instant endedAt, Instant createdAt, boolean active) {

    static FollowUpView of(FollowUp f) {
      return new FollowUpView(
          f.getLogId(), f.getThreadId(), f.getProcessInstanceId(), f.getTaskId(), f.getPersonUserId(), f.getDueAt(),
          f.getReason(), f.getEscalatedAt(), f.getOutcome(), f.getReplyLogId(), f.getEndedAt(), f.getCreatedAt(), f.isActive());
    }
  }

  private final FollowUps followUps;
  private final CommunicationAccessPolicy policy;
  private final CurrentUser currentUser;

  FollowUpController(FollowUps followUps, CommunicationAccessPolicy policy, CurrentUser currentUser) {
    this.followUps = followUps;
    this.policy = policy;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/communication-logs/{id}/follow-up")
  @Operation(summary = "The log's follow-up (404 when it never needed one)")
  FollowUpView get(@PathVariable UUID id) {
    DirectoryUser user = currentUser.get();
    if (!policy.isVisibleTo(id, user)) {
      throw NotFoundException.forId("Communication", id);
    }
    return followUps.of(id, user.companyId()).map(FollowUpView::of).orElseThrow(() -> NotFoundException.forId("Follow-up", id));
  }
}
