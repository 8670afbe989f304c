package com.activityflow.assignment;

import com.activityflow.directory.Availability;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import com.activityflow.directory.TeamInfo;
import com.activityflow.platform.web.RuleViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Picks the person for a task once the {@code task-assignment} DMN table has said which team,
 * skill and strategy: among the team's available reps with the skill and free capacity, the one
 * with the fewest active tasks; ties are broken by a round-robin cursor stored per team in the
 * database (locked row, so it is right across restarts and nodes). Every outcome says why.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class AssignmentService {

  private final DirectoryService directory;
  private final Workload workload;
  private final JdbcTemplate jdbc;

  AssignmentService(DirectoryService directory, Workload workload, JdbcTemplate jdbc) {
    this.directory = directory;
    this.workload = workload;
    this.jdbc = jdbc;
  }

  record Candidate(DirectoryUser user, long activeTasks) {}

  public AssignmentOutcome pick(UUID companyId, String teamCode, String requiredSkill, String strategyCode) {
    AssignmentStrategy strategy = AssignmentStrategy.ofOrDefault(strategyCode);
    Optional<TeamInfo> found = teamCode == null ? Optional.empty() : directory.findTeam(companyId, teamCode);
    if (found.isEmpty()) {
      return new AssignmentOutcome(
          null, null, null, teamCode, "The rules named team '" + teamCode + "', which this company does not have; the task waits unassigned");
    }
    TeamInfo team = found.get();
    if (strategy == AssignmentStrategy.TEAM_QUEUE) {
      return queued(team, "The assignment rules send this task to the " + team.name() + " queue");
    }
    List<DirectoryUser> members =
        directory.activeTeamMembers(team.id()).stream().filter(u -> u.hasRole(Role.REP)).toList();
    Map<UUID, Long> load = workload.activeTasks(members.stream().map(DirectoryUser::id).toList(), null);
    String skillText = requiredSkill == null || requiredSkill.isBlank() ? "" : " with skill '" + requiredSkill + "'";
    List<Candidate> eligible =
        members.stream()
            .filter(u -> u.availability() == Availability.ACTIVE)
            .filter(u -> requiredSkill == null || requiredSkill.isBlank() || u.skills().contains(requiredSkill))
            .map(u -> new Candidate(u, load.getOrDefault(u.id(), 0L)))
            .filter(c -> c.activeTasks() < c.user().capacity())
            .sorted(Comparator.comparing(c -> c.user().username()))
            .toList();
    if (eligible.isEmpty()) {
      return queued(
          team,
          "Nobody in " + team.name() + skillText + " is available with free capacity; the task waits in the team queue");
    }
    List<Candidate> tied = eligible;
    if (strategy == AssignmentStrategy.LEAST_LOADED) {
      long least = eligible.stream().mapToLong(Candidate::activeTasks).min().orElse(0);
      tied = eligible.stream().filter(c -> c.activeTasks() == least).toList();
    }
    Candidate chosen = nextInTurn(team.id(), tied);
    String reason =
        switch (strategy) {
          case LEAST_LOADED ->
              chosen.user().username()
                  + " has the fewest active tasks ("
                  + chosen.activeTasks()
                  + " of capacity "
                  + chosen.user().capacity()
                  + ") among "
                  + eligible.size()
                  + " available "
                  + team.name()
                  + " rep(s)"
                  + skillText
                  + (tied.size() > 1 ? "; tie among " + tied.size() + " broken by round robin" : "");
          default ->
              chosen.user().username()
                  + " is next in turn (round robin) among "
                  + eligible.size()
                  + " available "
                  + team.name()
                  + " rep(s)"
                  + skillText;
        };
    return new AssignmentOutcome(chosen.user().id(), chosen.user().username(), team.id(), team.code(), reason);
  }

  /**
   * An explicit assignee skips the rules but not the capacity and availability rules; the task
   * being assigned does not count against the assignee's capacity.
   */
  public AssignmentOutcome assignExplicitly(UUID companyId, UUID userId, UUID taskId) {
    DirectoryUser user =
        directory
            .findUser(userId)
            .filter(u -> u.companyId().equals(companyId) && u.active())
            .orElseThrow(
                () ->
                    RuleViolationException.invalid(
                        "assignee_unknown", "assigned_to_user_id", "No active user " + userId + " in this company"));
    if (user.availability() != Availability.ACTIVE) {
      throw RuleViolationException.conflict(
          "assignee_unavailable", "assigned_to_user_id", user.username() + " is away and takes no new tasks");
    }
    long active = workload.activeTasks(List.of(userId), taskId).getOrDefault(userId, 0L);
    if (active >= user.capacity()) {
      throw RuleViolationException.conflict(
          "capacity_exceeded",
          "assigned_to_user_id",
          user.username() + " already has " + active + " active tasks (capacity " + user.capacity() + ")");
    }
    Optional<TeamInfo> team = directory.findTeam(user.teamId());
    return new AssignmentOutcome(
        user.id(),
        user.username(),
        team.map(TeamInfo::id).orElse(null),
        team.map(TeamInfo::code).orElse(null),
        "Assigned explicitly to " + user.username() + " (" + active + " of capacity " + user.capacity() + " active tasks)");
  }

  private AssignmentOutcome queued(TeamInfo team, String reason) {
    return new AssignmentOutcome(null, null, team.id(), team.code(), reason);
  }

  private Candidate nextInTurn(UUID teamId, List<Candidate> tied) {
    if (tied.size() == 1) {
      advanceCursor(teamId, tied.get(0).user().id());
      return tied.get(0);
    }
    jdbc.update("insert into assignment_cursors (team_id) values (?) on conflict do nothing", teamId);
    UUID last =
        jdbc.queryForObject(
            "select last_user_id from assignment_cursors where team_id = ? for update", UUID.class, teamId);
    String lastName =
        last == null ? null : tied.stream().filter(c -> c.user().id().equals(last)).findFirst().map(c -> c.user().username()).orElseGet(() -> directory.findUser(last).map(DirectoryUser::username).orElse(null));
    Candidate chosen =
        tied.stream()
            .filter(c -> lastName == null || c.user().username().compareTo(lastName) > 0)
            .findFirst()
            .orElse(tied.get(0));
    advanceCursor(teamId, chosen.user().id());
    return chosen;
  }

  private void advanceCursor(UUID teamId, UUID userId) {
    jdbc.update(
        "insert into assignment_cursors (team_id, last_user_id, updated_at) values (?, ?, now())"
            + " on conflict (team_id) do update set last_user_id = excluded.last_user_id, updated_at = now()",
        teamId,
        userId);
  }
}
