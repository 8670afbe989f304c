package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryUser;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The user of the current request; the single source for "who" and "which company". */
@Component
public class CurrentUser {

  public DirectoryUser get() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof UserAuthentication user) {
      return user.getPrincipal();
    }
    throw new AuthenticationCredentialsNotFoundException("No authenticated user");
  }
}
