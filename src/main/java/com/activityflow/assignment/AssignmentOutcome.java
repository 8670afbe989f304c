package com.activityflow.assignment;

import java.util.UUID;

/**
 * Who gets a task and why. {@code userId} is null when nobody fits and the task waits in the
 * team's queue ({@code candidateGroup}).
 */
public record AssignmentOutcome(
    UUID userId, String username, UUID teamId, String candidateGroup, String reason) {

  public boolean queued() {
    return userId == null;
  }
}
