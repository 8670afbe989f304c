package com.activityflow.modeling;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import org.springframework.stereotype.Component;

/**
 * Who may do what with the models (seed 000/001 section 10.1): analysts own the models and may
 * check them and read their pages; only admins deploy, migrate running instances and read the
 * deployment record. On engine REST the same holds through Camunda's grants: only admins
 * (group {@link com.activityflow.directory.Role#ADMINS_GROUP}) may create deployments.
 */
@Component("modelAccessPolicy")
public class ModelAccessPolicy {

  public boolean mayReadModels(DirectoryUser user) {
    return user.hasAnyRole(Role.ADMIN, Role.ANALYST);
  }

  public boolean mayDeploy(DirectoryUser user) {
    return user.hasRole(Role.ADMIN);
  }
}
