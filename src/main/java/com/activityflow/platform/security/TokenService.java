package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryUser;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Issues the API's own HS256 tokens: user id, username, company and roles. */
public class TokenService {

  static final String COMPANY_CLAIM = "company_id";
  static final String ISSUER = "activity-flow";

  private final JwtEncoder encoder;
  private final SecurityProperties properties;
  private final Clock clock;

  TokenService(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
    this.encoder = encoder;
    this.properties = properties;
    this.clock = clock;
  }

  public record IssuedToken(String accessToken, String tokenType, long expiresIn) {}

  public IssuedToken issue(DirectoryUser user) {
    Instant now = clock.instant();
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(user.username())
            .issuedAt(now)
            .expiresAt(now.plus(properties.tokenTtl()))
            .claim("uid", user.id().toString())
            .claim(COMPANY_CLAIM, user.companyId().toString())
            .claim("roles", user.roles().stream().map(r -> r.code()).sorted().toList())
            .build();
    JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
    String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    return new IssuedToken(token, "Bearer", properties.tokenTtl().toSeconds());
  }
}
