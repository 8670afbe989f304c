package com.activityflow.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwtSecret HMAC key of tokens issued by {@code POST /api/auth/token} (embedded profile);
 *     empty when tokens come from an OIDC issuer ({@code spring.security.oauth2.resourceserver})
 * @param tokenTtl lifetime of issued tokens
 */
@ConfigurationProperties("activityflow.security")
public record SecurityProperties(String jwtSecret, @DefaultValue("PT8H") Duration tokenTtl) {

  public boolean hasJwtSecret() {
    return jwtSecret != null && !jwtSecret.isBlank();
  }
}
