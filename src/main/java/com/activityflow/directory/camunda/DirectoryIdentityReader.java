package com.activityflow.directory.camunda;

import com.activityflow.directory.Role;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TenantEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Reads the directory tables in Camunda's terms. Camunda ids: user id = username, group id =
 * group or team code, tenant id = company code.
 */
@Component
class DirectoryIdentityReader {

  private static final String USER_COLUMNS =
      "select u.username, u.display_name, u.email from users u ";
  /**
   * Camunda's group of administrators follows the application role {@code admin}: every admin is
   * a member. A directory group named like Camunda's built-in admin group is never shown to the
   * engine, since its members would skip the tenant checks (see {@link Role#ADMINS_GROUP}).
   */
  private static final String ADMINS = Role.ADMINS_GROUP;

  private static final String HIDDEN = "'" + Groups.CAMUNDA_ADMIN + "'";

  private static final String ROLE_GROUPS =
      "select distinct '" + ADMINS + "' as code, 'Administrators' as name, u.company_id from users u"
          + " join user_roles r on r.user_id = u.id where r.role = 'admin'";

  private static final String GROUP_UNION =
      "select g.code, g.name, g.company_id from directory_groups g where g.code <> " + HIDDEN
          + " union select t.code, t.name, t.company_id from teams t where t.code <> " + HIDDEN
          + " union " + ROLE_GROUPS;

  private final JdbcTemplate jdbc;
  private final PasswordEncoder passwordEncoder;

  DirectoryIdentityReader(JdbcTemplate jdbc, PasswordEncoder passwordEncoder) {
    this.jdbc = jdbc;
    this.passwordEncoder = passwordEncoder;
  }

  private static final RowMapper<User> USER =
      (rs, i) -> {
        UserEntity user = new UserEntity(rs.getString("username"));
        String displayName = rs.getString("display_name");
        int space = displayName.indexOf(' ');
        user.setFirstName(space < 0 ? displayName : displayName.substring(0, space));
        user.setLastName(space < 0 ? "" : displayName.substring(space + 1));
        user.setEmail(rs.getString("email"));
        return user;
      };

  private static final RowMapper<Group> GROUP =
      (rs, i) -> {
        GroupEntity group = new GroupEntity(rs.getString("code"));
        group.setName(rs.getString("name"));
        group.setType("WORKFLOW");
        return group;
      };

  private static final RowMapper<Tenant> TENANT =
      (rs, i) -> {
        TenantEntity tenant = new TenantEntity(rs.getString("code"));
        tenant.setName(rs.getString("name"));
        return tenant;
      };

  Optional<User> user(String username) {
    return jdbc.query(USER_COLUMNS + "where u.is_active and u.username = ?", USER, username).stream()
        .findFirst();
  }

  List<User> users() {
    return jdbc.query(USER_COLUMNS + "where u.is_active", USER);
  }

  List<User> membersOfGroup(String groupCode) {
    return jdbc.query(
        USER_COLUMNS
            + "where u.is_active and (u.id in (select m.user_id from group_members m"
            + " join directory_groups g on g.id = m.group_id where g.code = ? and g.code <> " + HIDDEN + ")"
            + " or u.team_id in (select t.id from teams t where t.code = ? and t.code <> " + HIDDEN + ")"
            + " or (? = '" + ADMINS + "' and u.id in (select r.user_id from user_roles r where r.role = 'admin')))",
        USER,
        groupCode,
        groupCode,
        groupCode);
  }

  List<User> membersOfTenant(String companyCode) {
    return jdbc.query(
        USER_COLUMNS
            + "join companies c on c.id = u.company_id where u.is_active and c.code = ?",
        USER,
        companyCode);
  }

  boolean checkPassword(String username, String password) {
    if (password == null) {
      return false;
    }
    return jdbc
        .queryForList(
            "select password_hash from users where is_active and username = ?",
            String.class,
            username)
        .stream()
        .anyMatch(hash -> passwordEncoder.matches(password, hash));
  }

  Optional<Group> group(String code) {
    return jdbc.query("select * from (" + GROUP_UNION + ") x where code = ?", GROUP, code).stream()
        .findFirst();
  }

  List<Group> groups() {
    return jdbc.query("select distinct code, name from (" + GROUP_UNION + ") x", GROUP);
  }

  List<Group> groupsOf(String username) {
    return jdbc.query(
        "select g.code, g.name from directory_groups g join group_members m on m.group_id = g.id"
            + " join users u on u.id = m.user_id where u.username = ? and g.code <> " + HIDDEN
            + " union select t.code, t.name from teams t join users u on u.team_id = t.id"
            + " where u.username = ? and t.code <> " + HIDDEN
            + " union select '" + ADMINS + "', 'Administrators' from users u"
            + " join user_roles r on r.user_id = u.id where u.username = ? and r.role = 'admin'",
        GROUP,
        username,
        username,
        username);
  }

  List<Group> groupsOfTenant(String companyCode) {
    return jdbc.query(
        "select x.code, x.name from (" + GROUP_UNION + ") x"
            + " join companies c on c.id = x.company_id where c.code = ?",
        GROUP,
        companyCode);
  }

  Optional<Tenant> tenant(String companyCode) {
    return jdbc.query("select code, name from companies where code = ?", TENANT, companyCode).stream()
        .findFirst();
  }

  List<Tenant> tenants() {
    return jdbc.query("select code, name from companies", TENANT);
  }

  List<Tenant> tenantsOfUser(String username) {
    return jdbc.query(
        "select c.code, c.name from companies c join users u on u.company_id = c.id"
            + " where u.username = ?",
        TENANT,
        username);
  }

  List<Tenant> tenantsOfGroup(String groupCode) {
    return jdbc.query(
        "select distinct c.code, c.name from companies c join (" + GROUP_UNION + ") x"
            + " on x.company_id = c.id where x.code = ?",
        TENANT,
        groupCode);
  }
}
