package com.activityflow.directory.camunda;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/**
 * Camunda's view of our directory: users, groups (directory groups and teams) and tenants
 * (companies) come from the application's tables, so a demo user logs into Tasklist with the
 * same name and password as into the API, and candidate groups resolve to directory groups.
 * Read-only: the directory is managed by the application, not in Camunda Admin.
 */
class DirectoryIdentityProvider implements ReadOnlyIdentityProvider {

  private final DirectoryIdentityReader reader;

  DirectoryIdentityProvider(DirectoryIdentityReader reader) {
    this.reader = reader;
  }

  @Override
  public User findUserById(String userId) {
    return reader.user(userId).orElse(null);
  }

  @Override
  public UserQuery createUserQuery() {
    return new DirectoryUserQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
  }

  @Override
  public UserQuery createUserQuery(CommandContext commandContext) {
    return new DirectoryUserQuery();
  }

  @Override
  public NativeUserQuery createNativeUserQuery() {
    throw new BadUserRequestException("Native user queries are not supported by the directory");
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    return reader.checkPassword(userId, password);
  }

  @Override
  public Group findGroupById(String groupId) {
    return reader.group(groupId).orElse(null);
  }

  @Override
  public GroupQuery createGroupQuery() {
    return new DirectoryGroupQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
  }

  @Override
  public GroupQuery createGroupQuery(CommandContext commandContext) {
    return new DirectoryGroupQuery();
  }

  @Override
  public Tenant findTenantById(String tenantId) {
    return reader.tenant(tenantId).orElse(null);
  }

  @Override
  public TenantQuery createTenantQuery() {
    return new DirectoryTenantQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
  }

  @Override
  public TenantQuery createTenantQuery(CommandContext commandContext) {
    return new DirectoryTenantQuery();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  private static DirectoryIdentityProvider current() {
    return (DirectoryIdentityProvider)
        Context.getCommandContext().getReadOnlyIdentityProvider();
  }

  static <T> List<T> page(List<T> all, Page page) {
    if (page == null) {
      return all;
    }
    int from = Math.min(page.getFirstResult(), all.size());
    int to = (int) Math.min((long) from + page.getMaxResults(), all.size());
    return all.subList(from, to);
  }

  static boolean like(String value, String pattern) {
    if (pattern == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    String regex =
        Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("%", -1))
            .map(java.util.regex.Pattern::quote)
            .reduce((a, b) -> a + ".*" + b)
            .orElse("");
    return value.toLowerCase(Locale.ROOT).matches(regex);
  }

  static boolean eq(String value, String wanted) {
    return wanted == null || wanted.equals(value);
  }

  static boolean in(String value, String[] wanted) {
    return wanted == null || Arrays.asList(wanted).contains(value);
  }

  static class DirectoryUserQuery extends UserQueryImpl {

    DirectoryUserQuery() {}

    DirectoryUserQuery(CommandExecutor executor) {
      super(executor);
    }

    @Override
    public long executeCount(CommandContext commandContext) {
      return matching().size();
    }

    @Override
    public List<User> executeList(CommandContext commandContext, Page page) {
      return DirectoryIdentityProvider.page(matching(), page);
    }

    private List<User> matching() {
      DirectoryIdentityReader reader = current().reader;
      List<User> candidates =
          getGroupId() != null
              ? reader.membersOfGroup(getGroupId())
              : getTenantId() != null ? reader.membersOfTenant(getTenantId()) : reader.users();
      Predicate<User> filter =
          u ->
              eq(u.getId(), getId())
                  && in(u.getId(), getIds())
                  && eq(u.getFirstName(), getFirstName())
                  && like(u.getFirstName(), getFirstNameLike())
                  && eq(u.getLastName(), getLastName())
                  && like(u.getLastName(), getLastNameLike())
                  && eq(u.getEmail(), getEmail())
                  && like(u.getEmail(), getEmailLike())
                  && (getTenantId() == null
                      || getGroupId() == null
                      || reader.membersOfTenant(getTenantId()).stream()
                          .anyMatch(t -> t.getId().equals(u.getId())));
      return candidates.stream()
          .filter(filter)
          .sorted(Comparator.comparing(User::getId))
          .toList();
    }
  }

  static class DirectoryGroupQuery extends GroupQueryImpl {

    DirectoryGroupQuery() {}

    DirectoryGroupQuery(CommandExecutor executor) {
      super(executor);
    }

    @Override
    public long executeCount(CommandContext commandContext) {
      return matching().size();
    }

    @Override
    public List<Group> executeList(CommandContext commandContext, Page page) {
      return DirectoryIdentityProvider.page(matching(), page);
    }

    private List<Group> matching() {
      DirectoryIdentityReader reader = current().reader;
      List<Group> candidates = getUserId() != null ? reader.groupsOf(getUserId()) : reader.groups();
      return candidates.stream()
          .filter(
              g ->
                  eq(g.getId(), getId())
                      && in(g.getId(), getIds())
                      && eq(g.getName(), getName())
                      && like(g.getName(), getNameLike())
                      && eq(g.getType(), getType())
                      && (getTenantId() == null
                          || reader.groupsOfTenant(getTenantId()).stream()
                              .anyMatch(t -> t.getId().equals(g.getId()))))
          .sorted(Comparator.comparing(Group::getId))
          .toList();
    }
  }

  static class DirectoryTenantQuery extends TenantQueryImpl {

    DirectoryTenantQuery() {}

    DirectoryTenantQuery(CommandExecutor executor) {
      super(executor);
    }

    @Override
    public long executeCount(CommandContext commandContext) {
      return matching().size();
    }

    @Override
    public List<Tenant> executeList(CommandContext commandContext, Page page) {
      return DirectoryIdentityProvider.page(matching(), page);
    }

    private List<Tenant> matching() {
      DirectoryIdentityReader reader = current().reader;
      List<Tenant> candidates =
          getUserId() != null
              ? reader.tenantsOfUser(getUserId())
              : getGroupId() != null ? reader.tenantsOfGroup(getGroupId()) : reader.tenants();
      return candidates.stream()
          .filter(
              t ->
                  eq(t.getId(), getId())
                      && in(t.getId(), getIds())
                      && eq(t.getName(), getName())
                      && like(t.getName(), getNameLike()))
          .sorted(Comparator.comparing(Tenant::getId))
          .toList();
    }
  }
}
