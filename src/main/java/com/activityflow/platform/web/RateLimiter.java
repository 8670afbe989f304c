package com.activityflow.platform.web;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Requests per minute (seed 004 section 7.5): 150 for reps and analysts, 250 for team leads,
 * managers and admins, 10 logins per user name and address. Counted per calendar minute in
 * PostgreSQL, so every node of a cluster sees the same counts; the platform's housekeeping job
 * removes the counters of past minutes.
 */
@Component
public class RateLimiter {

  @ConfigurationProperties("activityflow.rate-limit")
  public record RateLimitProperties(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("150") int requesterPerMinute,
      @DefaultValue("250") int assigneePerMinute,
      @DefaultValue("10") int loginsPerMinute) {}

  /** The outcome of one counted request. */
  public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {}

  private final RateLimitProperties properties;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public RateLimiter(RateLimitProperties properties, JdbcTemplate jdbc, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public boolean enabled() {
    return properties.enabled();
  }

  public Decision forUser(DirectoryUser user) {
    boolean assigneeType = user.hasAnyRole(Role.TEAM_LEAD, Role.MANAGER, Role.ADMIN);
    return count("user:" + user.id(), assigneeType ? properties.assigneePerMinute() : properties.requesterPerMinute());
  }

  public Decision forLogin(String username, String ip) {
    return count("login:" + (username == null ? "" : username.toLowerCase()) + "|" + ip, properties.loginsPerMinute());
  }

  private Decision count(String key, int limit) {
    Instant now = clock.instant();
    Instant window = now.truncatedTo(ChronoUnit.MINUTES);
    Integer hits = jdbc.queryForObject(
        "insert into rate_limit_counters (limit_key, window_start, hits) values (?, ?, 1)"
            + " on conflict (limit_key, window_start) do update set hits = rate_limit_counters.hits + 1 returning hits",
        Integer.class, key.length() > 200 ? key.substring(0, 200) : key, Timestamp.from(window));
    long reset = Math.max(1, 60 - (now.getEpochSecond() - window.getEpochSecond()));
    int count = hits == null ? 0 : hits;
    return new Decision(count <= limit, limit, Math.max(0, limit - count), reset);
  }
}
