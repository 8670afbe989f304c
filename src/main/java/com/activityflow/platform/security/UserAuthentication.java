package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryUser;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the directory user behind a token or a password. */
public class UserAuthentication extends AbstractAuthenticationToken {

  private final DirectoryUser user;

  UserAuthentication(DirectoryUser user) {
    super(authorities(user));
    this.user = user;
    setAuthenticated(true);
  }

  private static Collection<GrantedAuthority> authorities(DirectoryUser user) {
    return user.roles().stream()
        .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.code().toUpperCase()))
        .toList();
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public DirectoryUser getPrincipal() {
    return user;
  }

  @Override
  public String getName() {
    return user.username();
  }
}
