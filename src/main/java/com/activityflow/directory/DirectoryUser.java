package com.activityflow.directory;

import java.util.Set;
import java.util.UUID;

/** A user as other modules see it. */
public record DirectoryUser(
    UUID id,
    UUID companyId,
    String companyCode,
    String username,
    String displayName,
    String email,
    UUID teamId,
    Set<Role> roles,
    Set<String> skills,
    int capacity,
    Availability availability,
    boolean active) {

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  public boolean hasAnyRole(Role... wanted) {
    for (Role r : wanted) {
      if (roles.contains(r)) {
        return true;
      }
    }
    return false;
  }
}
