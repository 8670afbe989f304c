/**
 * Scheduled work of the application on Quartz with its clustered JDBC job store: on several nodes
 * each firing of a trigger runs on one node only, coordinated by Quartz's own database locks.
 * Every run, on whichever node, is recorded in {@code scheduled_job_runs} (job, node, scheduled
 * fire time, start, end, outcome). {@link com.activityflow.platform.scheduling.Housekeeping}
 * removes expired rate-limit counters and old run records.
 */
package com.activityflow.platform.scheduling;
