package com.activityflow.platform.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.activityflow.directory.DemoDataLoader;
import com.activityflow.directory.DirectoryService;
import com.activityflow.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;

/** Outside the embedded profile the app refuses demo users and the embedded profile's secret. */
class StartupChecksTest extends IntegrationTest {

  @Autowired DirectoryService directory;
  @Autowired ObjectProvider<DemoDataLoader> demoData;

  private static final String STRONG_SECRET = "a-production-secret-of-at-least-32-bytes!!";

  @Test
  void refusesDemoUsersOutsideTheEmbeddedProfile() {
    MockEnvironment production = new MockEnvironment().withProperty("activityflow.security.jwt-secret", STRONG_SECRET);
    production.setActiveProfiles("production");
    assertThatThrownBy(() -> new StartupChecks(production, directory, demoData).onStarted())
        .hasMessageContaining("demo user 'rep1'");
  }

  @Test
  void refusesTheEmbeddedSecretOrNoSecretOutsideTheEmbeddedProfile() {
    MockEnvironment embeddedSecret =
        new MockEnvironment().withProperty("activityflow.security.jwt-secret", StartupChecks.EMBEDDED_SECRET_PREFIX + "-x");
    embeddedSecret.setActiveProfiles("production");
    assertThatThrownBy(() -> new StartupChecks(embeddedSecret, directory, demoData).onStarted())
        .hasMessageContaining("token secret");

    MockEnvironment embeddedWebhookKey = new MockEnvironment()
        .withProperty("activityflow.security.jwt-secret", STRONG_SECRET)
        .withProperty("activityflow.webhooks.secret-key", "embedded-profile-only-webhook-key");
    embeddedWebhookKey.setActiveProfiles("production");
    assertThatThrownBy(() -> new StartupChecks(embeddedWebhookKey, directory, demoData).onStarted())
        .hasMessageContaining("webhook key");

    MockEnvironment noSecret = new MockEnvironment();
    noSecret.setActiveProfiles("production");
    assertThatThrownBy(() -> new StartupChecks(noSecret, directory, demoData).onStarted())
        .hasMessageContaining("JWT_SECRET");
  }

  @Test
  void theEmbeddedProfileLoadsDemoDataOnceAndStarts() {
    MockEnvironment embedded = new MockEnvironment();
    embedded.setActiveProfiles("embedded");
    assertThatCode(() -> new StartupChecks(embedded, directory, demoData).onStarted()).doesNotThrowAnyException();
    assertThatCode(() -> directory.authenticate("approver1", "approver1").orElseThrow()).doesNotThrowAnyException();
  }
}
