package com.activityflow.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The housekeeping pass on the real database (Quartz itself is stopped in tests). */
class HousekeepingTest extends IntegrationTest {

  @Autowired Housekeeping housekeeping;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void removesCountersOfPastMinutesAndOldRunRecordsButKeepsCurrentOnes() {
    Instant now = clock.instant();
    String key = "user:" + UUID.randomUUID();
    counter(key, now.minus(10, ChronoUnit.MINUTES));
    counter(key, now.truncatedTo(ChronoUnit.MINUTES));
    String job = "test." + UUID.randomUUID();
    run(job, now.minus(40, ChronoUnit.DAYS));
    run(job, now.minus(1, ChronoUnit.DAYS));

    assertThat(housekeeping.run()).isGreaterThanOrEqualTo(2);

    assertThat(jdbc.queryForList("select window_start from rate_limit_counters where limit_key = ?", Timestamp.class, key))
        .extracting(Timestamp::toInstant)
        .containsExactly(now.truncatedTo(ChronoUnit.MINUTES));
    assertThat(jdbc.queryForObject("select count(*) from scheduled_job_runs where job_name = ?", Integer.class, job))
        .isEqualTo(1);
  }

  private void counter(String key, Instant window) {
    jdbc.update("insert into rate_limit_counters (limit_key, window_start, hits) values (?, ?, 1)", key, Timestamp.from(window));
  }

  private void run(String job, Instant started) {
    jdbc.update(
        "insert into scheduled_job_runs (job_name, node, scheduler_instance, started_at, finished_at, outcome)"
            + " values (?, 'test', 'test', ?, ?, 'succeeded')",
        job, Timestamp.from(started), Timestamp.from(started.plusSeconds(1)));
  }
}
