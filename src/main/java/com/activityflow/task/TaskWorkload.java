package com.activityflow.task;

import com.activityflow.assignment.Workload;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Active (not closed, not deleted) tasks per assignee, for the assignment rules. */
@Component
class TaskWorkload implements Workload {

  private final NamedParameterJdbcTemplate jdbc;

  TaskWorkload(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<UUID, Long> activeTasks(Collection<UUID> userIds, UUID excludedTaskId) {
    Map<UUID, Long> counts = new HashMap<>();
    if (userIds.isEmpty()) {
      return counts;
    }
    jdbc.query(
        "select assigned_to_user_id, count(*) from tasks where assigned_to_user_id in (:ids)"
            + " and not is_deleted and status not in ('completed', 'cancelled', 'rejected')"
            + " and id <> :excluded group by assigned_to_user_id",
        new MapSqlParameterSource("ids", userIds)
            .addValue("excluded", excludedTaskId == null ? new UUID(0, 0) : excludedTaskId),
        rs -> {
          counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
        });
    return counts;
  }
}
