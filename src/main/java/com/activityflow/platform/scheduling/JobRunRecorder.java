package com.activityflow.platform.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records every Quartz job run on this node in {@code scheduled_job_runs}, so an operator sees
 * when scheduled work last ran, where and how it ended, and so the cluster test can check that
 * no firing ran twice. Recording never fails the job: a failed insert is logged by Quartz and
 * the job still runs.
 */
@Component
class JobRunRecorder implements JobListener {

  private static final String RUN_ID = JobRunRecorder.class.getName() + ".runId";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final String node;

  JobRunRecorder(JdbcTemplate jdbc, Clock clock,
      @Value("${activityflow.cluster.node-name:${HOSTNAME:node}}") String node) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.node = node.isBlank() ? "node" : node.strip();
  }

  @Override
  public String getName() {
    return "scheduled-job-runs";
  }

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {
    Long id = jdbc.queryForObject(
        "insert into scheduled_job_runs (job_name, node, scheduler_instance, scheduled_fire_time, started_at, outcome)"
            + " values (?, ?, ?, ?, ?, 'running') returning id",
        Long.class,
        context.getJobDetail().getKey().toString(),
        node,
        schedulerInstance(context),
        context.getScheduledFireTime() == null ? null : new Timestamp(context.getScheduledFireTime().getTime()),
        Timestamp.from(clock.instant()));
    context.put(RUN_ID, id);
  }

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {
    // vetoed runs never started: nothing was recorded
  }

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
    Object id = context.get(RUN_ID);
    if (id == null) {
      return;
    }
    jdbc.update(
        "update scheduled_job_runs set finished_at = ?, outcome = ?, error = ? where id = ?",
        Timestamp.from(clock.instant()),
        failure == null ? "succeeded" : "failed",
        failure == null ? null : String.valueOf(failure.getMessage()),
        id);
  }

  private static String schedulerInstance(JobExecutionContext context) {
    try {
      return context.getScheduler().getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return "unknown";
    }
  }
}
