package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.platform.web.RateLimiter;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Rate limits with small numbers and a clock that stays inside one minute: 429 with
 * Retry-After and rate-limit headers; counts live in PostgreSQL, so another node (a second
 * limiter on the same database) sees them.
 */
@TestPropertySource(properties = {
    "activityflow.rate-limit.enabled=true",
    "activityflow.rate-limit.requester-per-minute=5",
    "activityflow.rate-limit.assignee-per-minute=8",
    "activityflow.rate-limit.logins-per-minute=3",
    "activityflow.embedded-postgres.data-dir=target/test-postgres-rate-limit",
    // a second context in the test JVM: its engine must not take over the name "default", or
    // engine REST of the shared context (SecurityTest, EndToEndTest) would reach this database
    "camunda.bpm.generate-unique-process-engine-name=true"})
@Import(RateLimitTest.FixedClock.class)
class RateLimitTest extends IntegrationTest {

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock fixedClock() {
      return Clock.fixed(Instant.parse("2030-01-01T10:00:20Z"), ZoneOffset.UTC);
    }
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired RateLimiter limiter;

  @Test
  void aRepGets429AfterItsLimitWithRetryAfterAndHeaders() {
    Staff acme = companies.create();
    String rep = tokenFor(acme.rep1());
    for (int i = 0; i < 5; i++) {
      Response ok = get("/api/tasks", rep);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.headers().get("x-ratelimit-remaining")).containsExactly(Integer.toString(4 - i));
    }
    Response limited = get("/api/tasks", rep);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body().get("error_code").asText()).isEqualTo("rate_limited");
    assertThat(limited.headers().get("retry-after")).containsExactly("40");
    assertThat(limited.headers().get("x-ratelimit-limit")).containsExactly("5");
    // a manager has the larger budget and its own count
    assertThat(get("/api/tasks", tokenFor(acme.manager())).headers().get("x-ratelimit-limit")).containsExactly("8");
  }

  @Test
  void loginsAreLimitedPerUserAndAddress() {
    Staff acme = companies.create();
    String name = acme.rep2().username();
    for (int i = 0; i < 3; i++) {
      assertThat(post("/api/auth/token", null, Map.of("username", name, "password", "wrong")).status()).isEqualTo(401);
    }
    Response limited = post("/api/auth/token", null, Map.of("username", name, "password", name));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().get("retry-after")).isNotEmpty();
  }

  @Test
  void countsAreSharedByEveryNodeOnTheDatabase() {
    Staff acme = companies.create();
    RateLimiter otherNode = new RateLimiter(
        new RateLimiter.RateLimitProperties(true, 5, 8, 3), jdbc, Clock.fixed(Instant.parse("2030-01-01T10:00:20Z"), ZoneOffset.UTC));
    for (int i = 0; i < 3; i++) {
      limiter.forUser(acme.rep3());
    }
    RateLimiter.Decision seenElsewhere = otherNode.forUser(acme.rep3());
    assertThat(seenElsewhere.remaining()).isEqualTo(1);
    assertThat(otherNode.forUser(acme.rep3()).allowed()).isTrue();
    assertThat(limiter.forUser(acme.rep3()).allowed()).isFalse();
  }
}
