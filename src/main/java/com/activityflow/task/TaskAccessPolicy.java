package com.activityflow.task;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.task.domain.Task;
import com.activityflow.task.domain.TaskRepository;
import jakarta.persistence.criteria.Predicate;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place of the task module that decides who may see and do what (seed 000/001 section
 * 10.1): always only the own company's records; a rep its own (assigned or created) and its
 * team's public tasks; a team lead its team's; managers and admins the whole company; analysts
 * (no team) their own. Deleting tasks, configuring statuses: managers and admins. Templates and
 * adding other watchers: team leads, managers and admins. Stopping a series: its creator, the
 * creator's team lead, managers and admins. Every task read of the API, the live event stream
 * and the calendar feed goes through {@link #visibleTo} or {@link #load}; the controllers name the
 * role rules in {@code @PreAuthorize("@taskAccessPolicy....")}, so RoleMatrixTest checks one source.
 */
@Component("taskAccessPolicy")
public class TaskAccessPolicy {

  private final TaskRepository tasks;
  private final DirectoryService directory;

  TaskAccessPolicy(TaskRepository tasks, DirectoryService directory) {
    this.tasks = tasks;
    this.directory = directory;
  }

  Specification<Task> visibleTo(DirectoryUser user) {
    return (root, query, cb) -> {
      Predicate company = cb.equal(root.get("companyId"), user.companyId());
      Predicate alive = cb.isFalse(root.get("deleted"));
      if (user.hasAnyRole(Role.MANAGER, Role.ADMIN)) {
        return cb.and(company, alive);
      }
      Predicate own =
          cb.or(
              cb.equal(root.get("assignedToUserId"), user.id()),
              cb.equal(root.get("createdByUserId"), user.id()));
      Predicate scope = own;
      if (user.teamId() != null) {
        Predicate team = cb.equal(root.get("teamId"), user.teamId());
        scope =
            user.hasRole(Role.TEAM_LEAD)
                ? cb.or(own, team)
                : cb.or(own, cb.and(team, cb.isTrue(root.get("publicTask"))));
      }
      return cb.and(company, alive, scope);
    };
  }

  /** The task if the user may see it; otherwise 404, as if it did not exist. */
  Task load(UUID id, DirectoryUser user) {
    Specification<Task> byId = (root, query, cb) -> cb.equal(root.get("id"), id);
    return tasks
        .findOne(visibleTo(user).and(byId))
        .orElseThrow(() -> NotFoundException.forId("Task", id));
  }

  void checkMayDelete(DirectoryUser user) {
    if (!user.hasAnyRole(Role.MANAGER, Role.ADMIN)) {
      throw new AccessDeniedException("Only managers and admins delete tasks");
    }
  }

  /** Statuses are company configuration. */
  public boolean mayConfigureStatuses(DirectoryUser user) {
    return user.hasAnyRole(Role.MANAGER, Role.ADMIN);
  }

  /** Templates: team leads, managers and admins create, change and deactivate them. */
  public boolean mayManageTemplates(DirectoryUser user) {
    return user.hasAnyRole(Role.TEAM_LEAD, Role.MANAGER, Role.ADMIN);
  }

  /** Anyone who sees a task may watch it; adding or removing someone else needs a team lead or above. */
  void checkMayChangeWatcher(DirectoryUser actor, UUID watcher) {
    if (!watcher.equals(actor.id()) && !actor.hasAnyRole(Role.TEAM_LEAD, Role.MANAGER, Role.ADMIN)) {
      throw new AccessDeniedException("Only team leads, managers and admins add or remove other watchers");
    }
  }

  /** A series of the user's company may be stopped by its creator, the creator's team lead, managers and admins. */
  public void checkMayStopSeries(DirectoryUser user, UUID creatorUserId) {
    if (user.id().equals(creatorUserId) || user.hasAnyRole(Role.MANAGER, Role.ADMIN)) {
      return;
    }
    UUID creatorTeam = directory.findUser(creatorUserId).map(DirectoryUser::teamId).orElse(null);
    if (user.hasRole(Role.TEAM_LEAD) && user.teamId() != null && user.teamId().equals(creatorTeam)) {
      return;
    }
    throw new AccessDeniedException("Only its creator, the creator's team lead, a manager or an admin may stop a series");
  }
}
