package com.activityflow.platform.security;

import com.activityflow.directory.DirectoryService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password login for the embedded default's demo users. In production tokens come from the
 * company's OIDC issuer and this endpoint does not exist.
 */
@RestController
@RequestMapping("/api/auth")
@Profile("embedded")
@Tag(name = "Authentication")
class AuthController {

  private final DirectoryService directory;
  private final TokenService tokens;
  private final com.activityflow.audit.AuditTrail audit;
  private final com.activityflow.platform.web.RateLimiter limiter;

  AuthController(
      DirectoryService directory, TokenService tokens, com.activityflow.audit.AuditTrail audit,
      com.activityflow.platform.web.RateLimiter limiter) {
    this.directory = directory;
    this.tokens = tokens;
    this.audit = audit;
    this.limiter = limiter;
  }

  record TokenRequest(
      @NotBlank(message = "username is required") @Size(max = 100, message = "username is at most 100 characters") String username,
      @NotBlank(message = "password is required") @Size(max = 200, message = "password is at most 200 characters") String password) {}

  @PostMapping("/token")
  @Operation(summary = "Exchange a demo user's name and password for a bearer token")
  TokenService.IssuedToken token(@Valid @RequestBody TokenRequest request) {
    if (limiter.enabled()) {
      var decision = limiter.forLogin(request.username(), com.activityflow.audit.RequestContext.clientIp());
      if (!decision.allowed()) {
        throw new com.activityflow.platform.web.TooManyRequestsException(decision.resetSeconds(), decision.limit());
      }
    }
    return directory
        .authenticate(request.username(), request.password())
        .map(tokens::issue)
        .orElseThrow(
            () -> {
              var known = directory.findUser(request.username());
              audit.record(known.map(u -> u.companyId()).orElse(null), known.map(u -> u.id()).orElse(null),
                  request.username(), "login_failed", "user", request.username(), java.util.List.of(), "token endpoint");
              return new BadCredentialsException("Unknown user or wrong password");
            });
  }
}
