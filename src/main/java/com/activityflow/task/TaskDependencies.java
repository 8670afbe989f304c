package com.activityflow.task;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.domain.Task;
import java.time.Clock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finish-to-start dependencies between tasks of one company (T6): a task with an open
 * predecessor cannot start or complete, and a dependency that would close a cycle is refused.
 */
@Service
@Transactional
public class TaskDependencies {

  /** A task on the other end of a dependency. */
  public record Linked(UUID taskId, String taskTitle, TaskStatus status) {}

  /** Both directions of a task's dependencies. */
  public record Dependencies(List<Linked> predecessors, List<Linked> successors, boolean blocked) {}

  private final JdbcTemplate jdbc;
  private final TaskAccessPolicy access;
  private final Clock clock;
  private final TaskHistory history;

  TaskDependencies(JdbcTemplate jdbc, TaskAccessPolicy access, Clock clock, TaskHistory history) {
    this.jdbc = jdbc;
    this.access = access;
    this.clock = clock;
    this.history = history;
  }

  @Transactional(readOnly = true)
  public Dependencies of(UUID taskId, DirectoryUser user) {
    Task task = access.load(taskId, user);
    List<Linked> predecessors = linked(
        "select t.id, t.task_title, t.status from task_dependencies d join tasks t on t.id = d.predecessor_id"
            + " where d.successor_id = ? and not t.is_deleted order by t.task_title", task.getId());
    List<Linked> successors = linked(
        "select t.id, t.task_title, t.status from task_dependencies d join tasks t on t.id = d.successor_id"
            + " where d.predecessor_id = ? and not t.is_deleted order by t.task_title", task.getId());
    return new Dependencies(predecessors, successors, predecessors.stream().anyMatch(p -> p.status() != TaskStatus.COMPLETED));
  }

  public Dependencies add(UUID successorId, UUID predecessorId, DirectoryUser user) {
    Task successor = access.load(successorId, user);
    Task predecessor;
    try {
      predecessor = access.load(predecessorId, user);
    } catch (NotFoundException e) {
      throw RuleViolationException.invalid("predecessor_not_found", "predecessor_id", "Task " + predecessorId + " does not exist");
    }
    if (successor.getId().equals(predecessor.getId())) {
      throw RuleViolationException.invalid("dependency_self", "predecessor_id", "A task cannot depend on itself");
    }
    if (successor.getStatus().isClosed()) {
      throw RuleViolationException.conflict("task_closed", "status", "The task is " + successor.getStatus() + "; it no longer waits for anything");
    }
    // lock the company's dependency graph so two concurrent additions cannot close a cycle together
    jdbc.queryForList("select id from companies where id = ? for update", successor.getCompanyId());
    Boolean cycle = jdbc.queryForObject(
        "with recursive ancestors(id) as ("
            + " select predecessor_id from task_dependencies where successor_id = ?"
            + " union select d.predecessor_id from task_dependencies d join ancestors a on d.successor_id = a.id)"
            + " select exists (select 1 from ancestors where id = ?)",
        Boolean.class, predecessor.getId(), successor.getId());
    if (Boolean.TRUE.equals(cycle)) {
      throw RuleViolationException.conflict(
          "dependency_cycle", "predecessor_id", "'" + predecessor.getTaskTitle() + "' already waits (directly or indirectly) for this task; the dependency would close a cycle");
    }
    jdbc.update(
        "insert into task_dependencies (predecessor_id, successor_id, company_id, created_by_user_id, created_at)"
            + " values (?, ?, ?, ?, ?) on conflict do nothing",
        predecessor.getId(), successor.getId(), successor.getCompanyId(), user.id(), Timestamp.from(clock.instant()));
    history.recordDiff(successor, user.id(), Map.of(), Map.of("predecessor_added", predecessor.getId().toString()));
    return of(successorId, user);
  }

  public void remove(UUID successorId, UUID predecessorId, DirectoryUser user) {
    Task successor = access.load(successorId, user);
    int removed = jdbc.update("delete from task_dependencies where successor_id = ? and predecessor_id = ?", successor.getId(), predecessorId);
    if (removed == 0) {
      throw NotFoundException.forId("Dependency on task", predecessorId);
    }
    history.recordDiff(successor, user.id(), Map.of(), Map.of("predecessor_removed", predecessorId.toString()));
  }

  /** Refuses starting or completing a task whose predecessors are not all completed. */
  @Transactional(readOnly = true)
  public void checkNotBlocked(Task task) {
    List<String> open = jdbc.queryForList(
        "select t.task_title from task_dependencies d join tasks t on t.id = d.predecessor_id"
            + " where d.successor_id = ? and not t.is_deleted and t.status <> 'completed' order by t.task_title",
        String.class, task.getId());
    if (!open.isEmpty()) {
      throw RuleViolationException.conflict(
          "blocked_by_predecessors", "status", "The task waits for " + open.size() + " unfinished task(s): " + String.join(", ", open));
    }
  }

  private List<Linked> linked(String sql, UUID id) {
    return jdbc.query(sql, (rs, i) -> new Linked(rs.getObject(1, UUID.class), rs.getString(2), TaskStatus.of(rs.getString(3))), id);
  }
}
