package com.activityflow.platform.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

/**
 * Removes what the platform no longer needs: rate-limit counters of minutes that ended more than
 * five minutes ago and records of scheduled job runs older than 30 days. Runs from Quartz
 * ({@link Job}), on one node of the cluster at a time.
 */
@Component
public class Housekeeping {

  static final Duration COUNTERS_KEPT = Duration.ofMinutes(5);
  static final Duration RUNS_KEPT = Duration.ofDays(30);
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Housekeeping(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One pass; returns how many rows went. */
  public int run() {
    Instant now = clock.instant();
    int counters = jdbc.update(
        "delete from rate_limit_counters where window_start < ?", Timestamp.from(now.minus(COUNTERS_KEPT)));
    int runs = jdbc.update(
        "delete from scheduled_job_runs where started_at < ?", Timestamp.from(now.minus(RUNS_KEPT)));
    if (counters + runs > 0) {
      log.debug("Housekeeping removed {} rate-limit counters and {} job run records", counters, runs);
    }
    return counters + runs;
  }

  /** The Quartz job; never two at once, and in a cluster each firing on one node only. */
  @DisallowConcurrentExecution
  static class Job extends QuartzJobBean {

    private final Housekeeping housekeeping;

    Job(Housekeeping housekeeping) {
      this.housekeeping = housekeeping;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      housekeeping.run();
    }
  }
}
