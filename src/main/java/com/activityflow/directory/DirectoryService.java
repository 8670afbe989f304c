package com.activityflow.directory;

import com.activityflow.directory.domain.AppUser;
import com.activityflow.directory.domain.AppUserRepository;
import com.activityflow.directory.domain.Company;
import com.activityflow.directory.domain.CompanyRepository;
import com.activityflow.directory.domain.CustomerRepository;
import com.activityflow.directory.domain.DirectoryGroupRepository;
import com.activityflow.directory.domain.Team;
import com.activityflow.directory.domain.TeamRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory's facade: companies, users, teams, groups and the customers' tiers. The Camunda
 * engine reads the same tables through {@code camunda.DirectoryIdentityProvider}.
 */
@Service
@Transactional(readOnly = true)
public class DirectoryService {

  private final AppUserRepository users;
  private final TeamRepository teams;
  private final CompanyRepository companies;
  private final DirectoryGroupRepository groups;
  private final CustomerRepository customers;
  private final PasswordEncoder passwordEncoder;

  DirectoryService(
      AppUserRepository users,
      TeamRepository teams,
      CompanyRepository companies,
      DirectoryGroupRepository groups,
      CustomerRepository customers,
      PasswordEncoder passwordEncoder) {
    this.users = users;
    this.teams = teams;
    this.companies = companies;
    this.groups = groups;
    this.customers = customers;
    this.passwordEncoder = passwordEncoder;
  }

  public Optional<DirectoryUser> findUser(String username) {
    return users.findByUsername(username).map(this::toDirectoryUser);
  }

  public Optional<DirectoryUser> findUser(UUID id) {
    return users.findById(id).map(this::toDirectoryUser);
  }

  /** The user if the password matches and the account is active. */
  public Optional<DirectoryUser> authenticate(String username, String password) {
    return users
        .findByUsername(username)
        .filter(AppUser::isActive)
        .filter(u -> password != null && passwordEncoder.matches(password, u.getPasswordHash()))
        .map(this::toDirectoryUser);
  }

  public Optional<TeamInfo> findTeam(UUID companyId, String code) {
    return teams.findByCompanyIdAndCode(companyId, code).map(DirectoryService::toTeamInfo);
  }

  public Optional<TeamInfo> findTeam(UUID teamId) {
    return teamId == null ? Optional.empty() : teams.findById(teamId).map(DirectoryService::toTeamInfo);
  }

  public List<DirectoryUser> activeTeamMembers(UUID teamId) {
    return users.findByTeamIdAndActiveTrue(teamId).stream().map(this::toDirectoryUser).toList();
  }

  /** Active members of a company's group (e.g. its approvers), or of a team with that code. */
  public List<DirectoryUser> groupMembers(UUID companyId, String groupCode) {
    Optional<List<DirectoryUser>> members =
        groups
            .findByCompanyIdAndCode(companyId, groupCode)
            .map(g -> users.findByIdIn(g.getMemberIds()).stream().filter(AppUser::isActive).map(this::toDirectoryUser).toList());
    return members.orElseGet(
        () -> findTeam(companyId, groupCode).map(t -> activeTeamMembers(t.id())).orElse(List.of()));
  }

  /** The company's code (its Camunda tenant id). */
  public String companyCode(UUID companyId) {
    return companyCodes.computeIfAbsent(companyId, id -> companies.findById(id).map(Company::getCode).orElse(id.toString()));
  }

  /** Active users of the company with the role, by user name (e.g. the admins an operational alert goes to). */
  public List<DirectoryUser> activeUsersWithRole(UUID companyId, Role role) {
    return users.findByCompanyIdAndActiveTrueAndRolesContainingOrderByUsername(companyId, role).stream().map(this::toDirectoryUser).toList();
  }

  /** The customer's tier for assignment rules; {@code standard} when the CRM did not tell us. */
  public String customerTier(UUID companyId, UUID customerId) {
    if (customerId == null) {
      return "standard";
    }
    return customers.findByIdAndCompanyId(customerId, companyId).map(c -> c.getTier()).orElse("standard");
  }

  /**
   * Whether the id is a customer of another company. Customers the CRM has not told us about
   * are allowed (the CRM owns them); another company's never are.
   */
  public boolean isOtherCompanysCustomer(UUID companyId, UUID customerId) {
    return customerId != null && customers.findById(customerId).filter(c -> !c.getCompanyId().equals(companyId)).isPresent();
  }

  /** The customer's name as the CRM told us, or null. */
  public String customerName(UUID companyId, UUID customerId) {
    return customerId == null ? null : customers.findByIdAndCompanyId(customerId, companyId).map(c -> c.getName()).orElse(null);
  }

  private final Map<UUID, String> companyCodes = new java.util.concurrent.ConcurrentHashMap<>();

  private DirectoryUser toDirectoryUser(AppUser u) {
    String companyCode =
        companyCodes.computeIfAbsent(
            u.getCompanyId(), id -> companies.findById(id).map(Company::getCode).orElse(id.toString()));
    return new DirectoryUser(
        u.getId(),
        u.getCompanyId(),
        companyCode,
        u.getUsername(),
        u.getDisplayName(),
        u.getEmail(),
        u.getTeamId(),
        Set.copyOf(u.getRoles()),
        Set.copyOf(u.getSkills()),
        u.getCapacity(),
        u.getAvailability(),
        u.isActive());
  }

  private static TeamInfo toTeamInfo(Team t) {
    return new TeamInfo(t.getId(), t.getCompanyId(), t.getCode(), t.getName(), t.getLeadUserId());
  }

}
