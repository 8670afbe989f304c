package com.activityflow.platform.config;

import com.activityflow.directory.Role;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Grants that make Tasklist usable with Camunda authorization switched on: every directory user
 * may open Tasklist, see process definitions' names and use the shared task filters. Which tasks
 * a user sees is decided per task (the engine grants a task to its assignee and candidate groups);
 * users with the application role admin (group {@link Role#ADMINS_GROUP}) get every permission on
 * every resource, within their own company: unlike Camunda's {@code camunda-admin} they are not
 * exempt from tenant checks.
 */
@Component
class CamundaAuthorizations {

  private final AuthorizationService authorizations;
  private final FilterService filters;

  CamundaAuthorizations(AuthorizationService authorizations, FilterService filters) {
    this.authorizations = authorizations;
    this.filters = filters;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(0)
  void grant() {
    for (Resources resource : Resources.values()) {
      grantToAdmins(resource);
    }
    grantToAll(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grantToAll(Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    for (Filter filter : filters.createFilterQuery().list()) {
      grantToAll(Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  /** Camunda does not let admins bypass query checks: they need grants like everyone else. */
  private void grantToAdmins(Resource resource) {
    boolean exists =
        authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(Role.ADMINS_GROUP)
                .resourceType(resource)
                .resourceId(Authorization.ANY)
                .count()
            > 0;
    if (!exists) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(Role.ADMINS_GROUP);
      grant.setResource(resource);
      grant.setResourceId(Authorization.ANY);
      grant.addPermission(Permissions.ALL);
      authorizations.saveAuthorization(grant);
    }
  }

  private void grantToAll(Resource resource, String resourceId, Permission permission) {
    boolean exists =
        authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(resource)
                .resourceId(resourceId)
                .hasPermission(permission)
                .count()
            > 0;
    if (!exists) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
      grant.addPermission(permission);
      authorizations.saveAuthorization(grant);
    }
  }
}
