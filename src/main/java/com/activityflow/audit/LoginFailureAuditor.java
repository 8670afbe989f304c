package com.activityflow.audit;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/** Failed logins over HTTP Basic (engine REST, actuator) and rejected bearer tokens. */
@Component
class LoginFailureAuditor {

  private final AuditTrail audit;
  private final DirectoryService directory;

  LoginFailureAuditor(AuditTrail audit, DirectoryService directory) {
    this.audit = audit;
    this.directory = directory;
  }

  @EventListener
  void onFailure(AbstractAuthenticationFailureEvent event) {
    boolean bearer = event.getAuthentication() instanceof BearerTokenAuthenticationToken;
    String name = bearer ? null : event.getAuthentication().getName();
    Optional<DirectoryUser> user = name == null ? Optional.empty() : directory.findUser(name);
    audit.record(
        user.map(DirectoryUser::companyId).orElse(null),
        user.map(DirectoryUser::id).orElse(null),
        name,
        "login_failed",
        bearer ? "token" : "user",
        name,
        List.of(),
        event.getException().getClass().getSimpleName() + ": " + event.getException().getMessage());
  }
}
