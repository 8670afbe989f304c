package com.activityflow.support;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
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
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh company per test, shaped like the demo's Acme: a sales team with three reps of
 * different skills and capacities, a lead, a manager, an approver (group approvers). User
 * names carry the company code; each password equals the user name.
 */
@Component
public class TestCompany {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final CompanyRepository companies;
  private final TeamRepository teams;
  private final AppUserRepository users;
  private final DirectoryGroupRepository groups;
  private final CustomerRepository customers;
  private final PasswordEncoder passwordEncoder;
  private final DirectoryService directory;
  private final TransactionTemplate tx;
  private final com.activityflow.communication.CommunicationDefaults communicationDefaults;

  TestCompany(
      CompanyRepository companies,
      TeamRepository teams,
      AppUserRepository users,
      DirectoryGroupRepository groups,
      CustomerRepository customers,
      PasswordEncoder passwordEncoder,
      DirectoryService directory,
      TransactionTemplate tx,
      com.activityflow.communication.CommunicationDefaults communicationDefaults) {
    this.communicationDefaults = communicationDefaults;
    this.companies = companies;
    this.teams = teams;
    this.users = users;
    this.groups = groups;
    this.customers = customers;
    this.passwordEncoder = passwordEncoder;
    this.directory = directory;
    this.tx = tx;
  }

  /** The users of one test company. */
  public record Staff(
      UUID companyId,
      String code,
      UUID teamId,
      UUID platinumCustomerId,
      DirectoryUser rep1,
      DirectoryUser rep2,
      DirectoryUser rep3,
      DirectoryUser lead,
      DirectoryUser manager,
      DirectoryUser approver,
      DirectoryUser keyAccountManager,
      DirectoryUser admin) {}

  public Staff create() {
    String code = "c" + SEQUENCE.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
    return tx.execute(
        status -> {
          Company company = companies.save(new Company(UUID.randomUUID(), code, "Company " + code, Instant.now()));
          Team sales = teams.save(new Team(UUID.randomUUID(), company.getId(), "sales", "Sales", Instant.now()));
          AppUser rep1 = user(company, sales, "rep1", Role.REP, Set.of("calls", "negotiation"), 5);
          AppUser rep2 = user(company, sales, "rep2", Role.REP, Set.of("calls", "technical", "key_accounts"), 8);
          AppUser rep3 = user(company, sales, "rep3", Role.REP, Set.of("email", "onboarding"), 2);
          AppUser lead = user(company, sales, "lead", Role.TEAM_LEAD, Set.of(), 10);
          AppUser manager = user(company, null, "manager", Role.MANAGER, Set.of(), 10);
          AppUser approver = user(company, null, "approver", Role.MANAGER, Set.of(), 10);
          Team keyAccounts =
              teams.save(new Team(UUID.randomUUID(), company.getId(), "key_accounts", "Key accounts", Instant.now()));
          AppUser kam = user(company, keyAccounts, "kam", Role.REP, Set.of("negotiation"), 10);
          AppUser admin = user(company, null, "admin", Role.ADMIN, Set.of(), 10);
          sales.setLeadUserId(lead.getId());
          DirectoryGroup approvers = new DirectoryGroup(UUID.randomUUID(), company.getId(), "approvers", "Approvers");
          approvers.getMemberIds().add(approver.getId());
          groups.save(approvers);
          Customer platinum =
              customers.save(
                  new Customer(UUID.randomUUID(), company.getId(), "EXT-" + code, "Platinum Inc", "platinum", Instant.now()));
          communicationDefaults.seed(company.getId());
          return new Staff(
              company.getId(),
              code,
              sales.getId(),
              platinum.getId(),
              load(rep1),
              load(rep2),
              load(rep3),
              load(lead),
              load(manager),
              load(approver),
              load(kam),
              load(admin));
        });
  }

  private AppUser user(Company company, Team team, String name, Role role, Set<String> skills, int capacity) {
    String username = company.getCode() + "_" + name;
    AppUser user =
        new AppUser(
            UUID.randomUUID(),
            company.getId(),
            username,
            name.substring(0, 1).toUpperCase() + name.substring(1) + " " + company.getCode(),
            username + "@" + company.getCode() + ".test",
            passwordEncoder.encode(username),
            Instant.now());
    user.setTeamId(team == null ? null : team.getId());
    user.setCapacity(capacity);
    user.getRoles().add(role);
    user.getSkills().addAll(skills);
    return users.save(user);
  }

  private DirectoryUser load(AppUser user) {
    users.flush();
    return directory.findUser(user.getUsername()).orElseThrow();
  }
}
