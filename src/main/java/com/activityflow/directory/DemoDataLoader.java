package com.activityflow.directory;

import com.activityflow.directory.domain.AppUser;
import com.activityflow.directory.domain.AppUserRepository;
import com.activityflow.directory.domain.Company;
import com.activityflow.directory.domain.CompanyRepository;
import com.activityflow.directory.domain.Customer;
import com.activityflow.directory.domain.CustomerRepository;
import com.activityflow.directory.domain.DirectoryGroup;
import com.activityflow.directory.domain.DirectoryGroupRepository;
import com.activityflow.directory.domain.Team;
import com.activityflow.directory.domain.TeamRepository;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo data of the embedded default: company Acme with a sales team (reps with different skills
 * and capacities), a team lead, a manager, an approver, an administrator and an analyst. Each demo user's
 * password equals its user name, which is why this exists only on the embedded profile.
 */
@Component
@Profile("embedded")
@ConditionalOnProperty(name = "activityflow.demo-data", havingValue = "true")
public class DemoDataLoader {

  private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

  /** The demo user names; outside the embedded profile none may log in with its own name. */
  public static final List<String> DEMO_USERS =
      List.of("rep1", "rep2", "rep3", "lead1", "manager1", "approver1", "admin", "analyst1");

  private final CompanyRepository companies;
  private final TeamRepository teams;
  private final AppUserRepository users;
  private final DirectoryGroupRepository groups;
  private final CustomerRepository customers;
  private final com.activityflow.communication.CommunicationDefaults communicationDefaults;
  private final PasswordEncoder passwordEncoder;
  private final Clock clock;

  DemoDataLoader(
      CompanyRepository companies,
      TeamRepository teams,
      AppUserRepository users,
      DirectoryGroupRepository groups,
      CustomerRepository customers,
      com.activityflow.communication.CommunicationDefaults communicationDefaults,
      PasswordEncoder passwordEncoder,
      Clock clock) {
    this.companies = companies;
    this.teams = teams;
    this.users = users;
    this.groups = groups;
    this.customers = customers;
    this.passwordEncoder = passwordEncoder;
    this.clock = clock;
    this.communicationDefaults = communicationDefaults;
  }

  /** Loads Acme once; a restart keeps what is there. */
  @Transactional
  public void load() {
    if (companies.findByCode("acme").isPresent()) {
      return;
    }
    Company acme = companies.save(new Company(UUID.randomUUID(), "acme", "Acme", clock.instant()));
    Team sales = teams.save(new Team(UUID.randomUUID(), acme.getId(), "sales", "Sales", clock.instant()));

    user(acme, sales, "rep1", "Rita Rep", Set.of(Role.REP), Set.of("calls", "negotiation"), 5);
    user(acme, sales, "rep2", "Ravi Rep", Set.of(Role.REP), Set.of("calls", "technical", "key_accounts"), 8);
    user(acme, sales, "rep3", "Rosa Rep", Set.of(Role.REP), Set.of("email", "onboarding"), 3);
    AppUser lead = user(acme, sales, "lead1", "Lee Lead", Set.of(Role.TEAM_LEAD), Set.of(), 10);
    user(acme, null, "manager1", "Mia Manager", Set.of(Role.MANAGER), Set.of(), 10);
    AppUser approver = user(acme, null, "approver1", "Alex Approver", Set.of(Role.MANAGER), Set.of(), 10);
    AppUser admin = user(acme, null, "admin", "Ada Admin", Set.of(Role.ADMIN), Set.of(), 10);
    user(acme, null, "analyst1", "Ana Analyst", Set.of(Role.ANALYST), Set.of(), 10);
    sales.setLeadUserId(lead.getId());

    group(acme, "approvers", "Approvers", approver);
    group(acme, "camunda-admin", "Camunda administrators", admin);

    customers.save(new Customer(UUID.randomUUID(), acme.getId(), "CRM-1001", "Initech", "platinum", clock.instant()));
    customers.save(new Customer(UUID.randomUUID(), acme.getId(), "CRM-1002", "Hooli", "gold", clock.instant()));
    customers.save(new Customer(UUID.randomUUID(), acme.getId(), "CRM-1003", "Pied Piper", "standard", clock.instant()));
    communicationDefaults.seed(acme.getId());
    log.info("Loaded demo data: company Acme with users {}", DEMO_USERS);
  }

  private AppUser user(
      Company company, Team team, String username, String name, Set<Role> roles, Set<String> skills, int capacity) {
    AppUser user =
        new AppUser(
            UUID.randomUUID(),
            company.getId(),
            username,
            name,
            username + "@" + company.getCode() + ".example",
            passwordEncoder.encode(username),
            clock.instant());
    user.setTeamId(team == null ? null : team.getId());
    user.setCapacity(capacity);
    user.getRoles().addAll(roles);
    user.getSkills().addAll(skills);
    return users.save(user);
  }

  private void group(Company company, String code, String name, AppUser... members) {
    DirectoryGroup group = new DirectoryGroup(UUID.randomUUID(), company.getId(), code, name);
    for (AppUser member : members) {
      group.getMemberIds().add(member.getId());
    }
    groups.save(group);
  }
}
