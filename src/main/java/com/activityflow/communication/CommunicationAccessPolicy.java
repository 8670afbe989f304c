package com.activityflow.communication;

import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import com.activityflow.platform.web.NotFoundException;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides which communication logs a user may see and change (seed 001
 * section 10.1). Always only the user's company. A rep sees its own logs (assigned, created, or
 * its follow-up), the unassigned queue and its team's non-internal logs, and changes its own and
 * unassigned ones; a team lead sees and changes everything of its team and the queue; managers
 * and admins the whole company. Deleting, categories and channels are for managers and admins.
 * Analysts read model pages only.
 */
@Component
public class CommunicationAccessPolicy {

  private final CommunicationLogRepository logs;
  private final DirectoryService directory;

  CommunicationAccessPolicy(CommunicationLogRepository logs, DirectoryService directory) {
    this.logs = logs;
    this.directory = directory;
  }

  Specification<CommunicationLog> visibleTo(DirectoryUser user) {
    return scope(user, false);
  }

  private Specification<CommunicationLog> scope(DirectoryUser user, boolean forChange) {
    Set<UUID> team = teamMembers(user);
    return (root, query, cb) -> {
      Predicate company = cb.equal(root.get("companyId"), user.companyId());
      Predicate alive = cb.isFalse(root.get("deleted"));
      if (user.hasAnyRole(Role.MANAGER, Role.ADMIN)) {
        return cb.and(company, alive);
      }
      if (!user.hasAnyRole(Role.REP, Role.TEAM_LEAD)) {
        return cb.disjunction();
      }
      List<Predicate> allowed = new ArrayList<>();
      allowed.add(involves(root, cb, Set.of(user.id())));
      allowed.add(cb.isNull(root.get("assignedToUserId")));
      if (!team.isEmpty()) {
        if (user.hasRole(Role.TEAM_LEAD)) {
          allowed.add(involves(root, cb, team));
        } else if (!forChange) {
          allowed.add(cb.and(involves(root, cb, team), cb.isFalse(root.get("internal"))));
        }
      }
      return cb.and(company, alive, cb.or(allowed.toArray(Predicate[]::new)));
    };
  }

  private static Predicate involves(Root<CommunicationLog> root, jakarta.persistence.criteria.CriteriaBuilder cb, Set<UUID> users) {
    List<Predicate> any = new ArrayList<>();
    for (String field : List.of("assignedToUserId", "createdByUserId", "followUpAssignedTo")) {
      Path<UUID> path = root.get(field);
      any.add(path.in(users));
    }
    return cb.or(any.toArray(Predicate[]::new));
  }

  private Set<UUID> teamMembers(DirectoryUser user) {
    if (user.teamId() == null) {
      return Set.of();
    }
    return directory.activeTeamMembers(user.teamId()).stream().map(DirectoryUser::id).collect(Collectors.toSet());
  }

  /** The log if the user may see it; otherwise 404, as if it did not exist. */
  CommunicationLog load(UUID id, DirectoryUser user) {
    return logs.findOne(visibleTo(user).and(byId(id))).orElseThrow(() -> NotFoundException.forId("Communication log", id));
  }

  /** The log if the user may change it: 404 when it cannot even see it, 403 when it only may read it. */
  CommunicationLog loadForChange(UUID id, DirectoryUser user) {
    CommunicationLog log = load(id, user);
    if (logs.findOne(scope(user, true).and(byId(id))).isEmpty()) {
      throw new AccessDeniedException("You may read this communication, not change it");
    }
    return log;
  }

  public boolean isVisibleTo(UUID logId, DirectoryUser user) {
    return logs.exists(visibleTo(user).and(byId(logId)));
  }

  void checkMayDelete(DirectoryUser user) {
    if (!user.hasAnyRole(Role.MANAGER, Role.ADMIN)) {
      throw new AccessDeniedException("Only managers and admins delete communications");
    }
  }

  /** Categories, channels and contacts/customers sync: managers and admins. */
  void checkMayConfigure(DirectoryUser user) {
    if (!user.hasAnyRole(Role.MANAGER, Role.ADMIN)) {
      throw new AccessDeniedException("Only managers and admins change communication settings");
    }
  }

  /** Reference data (categories, channels, contacts) is for the people who log communications. */
  void checkMayRead(DirectoryUser user) {
    if (!user.hasAnyRole(Role.REP, Role.TEAM_LEAD, Role.MANAGER, Role.ADMIN)) {
      throw new AccessDeniedException("Communications are for reps, team leads, managers and admins");
    }
  }

  /** Whom a user may assign a log to: itself, or (team leads) its team, or (managers) anyone. */
  void checkMayAssignTo(DirectoryUser user, DirectoryUser assignee) {
    if (user.hasAnyRole(Role.MANAGER, Role.ADMIN) || Objects.equals(user.id(), assignee.id())) {
      return;
    }
    if (user.teamId() != null && Objects.equals(user.teamId(), assignee.teamId())) {
      return;
    }
    throw new AccessDeniedException("You may assign communications to yourself or your team");
  }

  private static Specification<CommunicationLog> byId(UUID id) {
    return (root, query, cb) -> cb.equal(root.get("id"), id);
  }
}
