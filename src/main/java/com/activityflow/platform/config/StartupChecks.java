package com.activityflow.platform.config;

import com.activityflow.directory.DemoDataLoader;
import com.activityflow.directory.DirectoryService;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs once the engine is up. On the embedded profile it loads the demo data; on every other
 * profile it refuses to start while a demo user can log in with its own name or the embedded
 * profile's token secret is in use.
 */
@Component
class StartupChecks {

  static final String EMBEDDED_SECRET_PREFIX = "embedded-profile-only-secret";

  private final Environment environment;
  private final DirectoryService directory;
  private final ObjectProvider<DemoDataLoader> demoData;

  StartupChecks(Environment environment, DirectoryService directory, ObjectProvider<DemoDataLoader> demoData) {
    this.environment = environment;
    this.directory = directory;
    this.demoData = demoData;
  }

  @EventListener(ApplicationStartedEvent.class)
  void onStarted() {
    boolean embedded = environment.matchesProfiles("embedded");
    if (embedded) {
      demoData.ifAvailable(DemoDataLoader::load);
      return;
    }
    String secret = Optional.ofNullable(environment.getProperty("activityflow.security.jwt-secret")).orElse("");
    String webhookKey = Optional.ofNullable(environment.getProperty("activityflow.webhooks.secret-key")).orElse("");
    if (webhookKey.startsWith("embedded-profile-only")) {
      throw new IllegalStateException(
          "Refusing to start: the embedded profile's webhook key is configured outside the embedded profile");
    }
    String channelKey = Optional.ofNullable(environment.getProperty("activityflow.channels.secret-key")).orElse("");
    if (channelKey.startsWith("embedded-profile-only")) {
      throw new IllegalStateException(
          "Refusing to start: the embedded profile's channel secret key is configured outside the embedded profile");
    }
    if (secret.startsWith(EMBEDDED_SECRET_PREFIX)) {
      throw new IllegalStateException(
          "Refusing to start: the embedded profile's token secret is configured outside the embedded profile");
    }
    if (secret.isBlank()
        && environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "").isBlank()
        && environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "").isBlank()) {
      throw new IllegalStateException(
          "Refusing to start: set JWT_SECRET (at least 32 bytes) or an OIDC issuer"
              + " (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI)");
    }
    for (String demoUser : DemoDataLoader.DEMO_USERS) {
      if (directory.authenticate(demoUser, demoUser).isPresent()) {
        throw new IllegalStateException(
            "Refusing to start: demo user '" + demoUser + "' can log in with its own name as password");
      }
    }
  }
}
