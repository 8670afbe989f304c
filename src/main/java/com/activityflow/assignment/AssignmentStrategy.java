package com.activityflow.assignment;

import com.activityflow.platform.Coded;

/** How a person is chosen among the eligible team members; named by the DMN table. */
public enum AssignmentStrategy implements Coded {
  /** fewest active tasks wins; ties by round robin */
  LEAST_LOADED("least_loaded"),
  /** strictly in turn among eligible members */
  ROUND_ROBIN("round_robin"),
  /** nobody is picked: the task waits in the team's queue */
  TEAM_QUEUE("team_queue");

  private final String code;

  AssignmentStrategy(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static AssignmentStrategy ofOrDefault(String code) {
    return code == null || code.isBlank() ? LEAST_LOADED : Coded.fromCode(AssignmentStrategy.class, code);
  }
}
