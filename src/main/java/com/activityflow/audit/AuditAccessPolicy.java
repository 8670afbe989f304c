package com.activityflow.audit;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import org.springframework.stereotype.Component;

/** The audit trail is read by the admins of the company it belongs to, and by nobody else. */
@Component("auditAccessPolicy")
public class AuditAccessPolicy {

  public boolean mayReadAuditTrail(DirectoryUser user) {
    return user.hasRole(Role.ADMIN);
  }
}
