package com.activityflow.task.domain;

import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.TaskStatus;

/**
 * Completion percentage follows the status (seed 000 section 6.2): completed is 100, pending is 0,
 * in progress is at least 10. A percentage the caller sends that contradicts its status is refused.
 */
public final class CompletionPercentagePolicy {

  private CompletionPercentagePolicy() {}

  static int percentageFor(TaskStatus status, Integer requested, int current) {
    return switch (status) {
      case COMPLETED -> 100;
      case PENDING -> 0;
      case IN_PROGRESS -> Math.max(10, requested != null ? requested : current);
      default -> requested != null ? requested : current;
    };
  }

  /** Refuses a requested percentage that its status does not allow. */
  public static void check(TaskStatus status, Integer requested) {
    check(status, requested, "completion_percentage");
  }

  /** Same rule, reported on another field (e.g. a status's automatic percentage). */
  public static void check(TaskStatus status, Integer requested, String field) {
    if (requested == null) {
      return;
    }
    boolean consistent =
        switch (status) {
          case COMPLETED -> requested == 100;
          case PENDING -> requested == 0;
          case IN_PROGRESS -> requested >= 10 && requested <= 100;
          default -> requested >= 0 && requested <= 100;
        };
    if (!consistent) {
      throw RuleViolationException.invalid(
          "completion_percentage_by_status",
          field,
          field + " "
              + requested
              + " does not fit status "
              + status
              + " (completed = 100, pending = 0, in progress >= 10)");
    }
  }
}
