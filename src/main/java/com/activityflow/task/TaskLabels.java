package com.activityflow.task;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.domain.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Tags and watchers of tasks (seed 000 section 5.2). */
@Component
public class TaskLabels {

  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,49}");

  /** A watcher as the API shows it. */
  public record Watcher(UUID userId, String username, String displayName) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final DirectoryService directory;
  private final TaskAccessPolicy access;

  TaskLabels(NamedParameterJdbcTemplate jdbc, DirectoryService directory, TaskAccessPolicy access) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.access = access;
  }

  /** Normalised tags (trimmed, lower case, unique); refuses a bad one naming it. */
  static List<String> normalise(Collection<String> tags) {
    Set<String> clean = new LinkedHashSet<>();
    for (String tag : tags) {
      String t = tag == null ? "" : tag.strip().toLowerCase();
      if (!TAG.matcher(t).matches()) {
        throw RuleViolationException.invalid("invalid_tag", "tags", "'" + tag + "' is not a tag: 1 to 50 letters, digits, space, _ . or -");
      }
      clean.add(t);
    }
    if (clean.size() > 20) {
      throw RuleViolationException.invalid("too_many_tags", "tags", "A task has at most 20 tags");
    }
    return new ArrayList<>(clean);
  }

  void replaceTags(UUID taskId, List<String> tags) {
    jdbc.update("delete from task_tags where task_id = :task", new MapSqlParameterSource("task", taskId));
    for (String tag : tags) {
      jdbc.update("insert into task_tags (task_id, tag) values (:task, :tag)", new MapSqlParameterSource("task", taskId).addValue("tag", tag));
    }
  }

  Map<UUID, List<String>> tagsOf(Collection<UUID> taskIds) {
    Map<UUID, List<String>> tags = new HashMap<>();
    taskIds.forEach(id -> tags.put(id, new ArrayList<>()));
    if (!taskIds.isEmpty()) {
      jdbc.query("select task_id, tag from task_tags where task_id in (:ids) order by tag", new MapSqlParameterSource("ids", taskIds),
          rs -> { tags.get(rs.getObject(1, UUID.class)).add(rs.getString(2)); });
    }
    return tags;
  }

  List<Watcher> watchers(UUID taskId) {
    return jdbc.query(
        "select u.id, u.username, u.display_name from task_watchers w join users u on u.id = w.user_id where w.task_id = :task order by u.username",
        new MapSqlParameterSource("task", taskId), (rs, i) -> new Watcher(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
  }

  /** Anyone who sees the task may watch it; adding someone else needs a team lead or above. */
  void watch(Task task, DirectoryUser actor, UUID userId) {
    UUID who = userId == null ? actor.id() : userId;
    access.checkMayChangeWatcher(actor, who);
    DirectoryUser watcher = directory.findUser(who).filter(u -> u.companyId().equals(task.getCompanyId()) && u.active())
        .orElseThrow(() -> RuleViolationException.invalid("watcher_unknown", "user_id", "No active user " + who + " in this company"));
    jdbc.update("insert into task_watchers (task_id, user_id) values (:task, :user) on conflict do nothing",
        new MapSqlParameterSource("task", task.getId()).addValue("user", watcher.id()));
  }

  /** Whether the user was a watcher. */
  boolean unwatch(Task task, DirectoryUser actor, UUID userId) {
    access.checkMayChangeWatcher(actor, userId);
    return 0 < jdbc.update("delete from task_watchers where task_id = :task and user_id = :user",
        new MapSqlParameterSource("task", task.getId()).addValue("user", userId));
  }
}
