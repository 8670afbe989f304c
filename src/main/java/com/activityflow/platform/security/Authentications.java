package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryUser;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs code as a directory user outside a request (scheduled work, tests). */
public final class Authentications {

  private Authentications() {}

  public static <T> T runAs(DirectoryUser user, Supplier<T> work) {
    var previous = SecurityContextHolder.getContext().getAuthentication();
    SecurityContextHolder.getContext().setAuthentication(new UserAuthentication(user));
    try {
      return work.get();
    } finally {
      SecurityContextHolder.getContext().setAuthentication(previous);
    }
  }
}
