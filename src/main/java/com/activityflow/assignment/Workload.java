package com.activityflow.assignment;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** How many active tasks users carry; provided by the task module. */
public interface Workload {

  /** Active tasks per user, not counting {@code excludedTaskId} (may be null). */
  Map<UUID, Long> activeTasks(Collection<UUID> userIds, UUID excludedTaskId);
}
