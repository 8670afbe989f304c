package com.activityflow.task;

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
 * The one place that decides which tasks a user may see and change (seed 000 section 10.1):
 * always only its own company's; a rep its own (assigned or created) and its team's public tasks;
 * a team lead its team's; managers and admins the whole company. Deleting is for managers and
 * admins. Every task read of the API goes through {@link #visibleTo} or {@link #load}.
 */
@Component
class TaskAccessPolicy {

  private final TaskRepository tasks;

  TaskAccessPolicy(TaskRepository tasks) {
    this.tasks = tasks;
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
}
