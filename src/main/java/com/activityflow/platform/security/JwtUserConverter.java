package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a validated JWT into the directory user it names ({@code preferred_username} or
 * {@code sub}). The directory stays the source of truth for company and roles; a token whose
 * {@code company} claim disagrees with the directory is refused.
 */
@Component
class JwtUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  private final DirectoryService directory;

  JwtUserConverter(DirectoryService directory) {
    this.directory = directory;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    String username = jwt.getClaimAsString("preferred_username");
    if (username == null) {
      username = jwt.getSubject();
    }
    DirectoryUser user =
        directory
            .findUser(username)
            .filter(DirectoryUser::active)
            .orElseThrow(() -> new InvalidBearerTokenException("Unknown or inactive user"));
    String company = jwt.getClaimAsString(TokenService.COMPANY_CLAIM);
    if (company != null && !company.equals(user.companyId().toString())) {
      throw new InvalidBearerTokenException("Token company does not match the user's company");
    }
    return new UserAuthentication(user);
  }
}
