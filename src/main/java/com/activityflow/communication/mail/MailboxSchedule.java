package com.activityflow.communication.mail;

import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.ChannelConfigurationRepository;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one Quartz job per active mailbox, repeating at the channel's poll interval, in the
 * clustered JDBC store: with several nodes each poll runs on one of them, and never twice at
 * once for a mailbox ({@link PollJob} disallows concurrent execution). A sync job every minute
 * (and one at start-up) adds jobs for new mailboxes, reschedules changed intervals and removes
 * jobs of channels deactivated or without a mailbox, so channel edits need no restart.
 */
@Component
public class MailboxSchedule {

  /** Quartz group of the mailbox jobs and their triggers. */
  public static final String GROUP = "mail-capture";
  static final String CHANNEL_ID = "channelId";
  private static final JobKey SYNC_JOB = JobKey.jobKey("mailbox-schedule-sync", GROUP);
  private static final int SYNC_SECONDS = 60;

  private final Scheduler scheduler;
  private final ChannelConfigurationRepository channels;

  MailboxSchedule(Scheduler scheduler, ChannelConfigurationRepository channels) {
    this.scheduler = scheduler;
    this.channels = channels;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() throws SchedulerException {
    JobDetail job = JobBuilder.newJob(SyncJob.class).withIdentity(SYNC_JOB).storeDurably().requestRecovery().build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(TriggerKey.triggerKey(SYNC_JOB.getName(), GROUP))
            .forJob(job)
            .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(SYNC_SECONDS).withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    scheduler.scheduleJob(job, Set.of(trigger), true);
    sync();
  }

  /** Brings the poll jobs in line with the active mailboxes. */
  public void sync() throws SchedulerException {
    Set<JobKey> wanted = new HashSet<>();
    for (ChannelConfiguration c : channels.findByActiveTrueAndChannelTypeAndImapHostIsNotNull("email")) {
      if (!c.hasMailbox()) {
        continue;
      }
      JobKey key = pollJobKey(c.getId());
      wanted.add(key);
      TriggerKey triggerKey = TriggerKey.triggerKey(key.getName(), GROUP);
      Trigger existing = scheduler.getTrigger(triggerKey);
      long intervalMillis = c.getPollIntervalSeconds() * 1000L;
      if (existing instanceof SimpleTrigger simple && simple.getRepeatInterval() == intervalMillis) {
        continue;
      }
      JobDetail job =
          JobBuilder.newJob(PollJob.class)
              .withIdentity(key)
              .usingJobData(CHANNEL_ID, c.getId().toString())
              .storeDurably()
              .build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(triggerKey)
              .forJob(job)
              .withSchedule(
                  SimpleScheduleBuilder.repeatSecondlyForever(c.getPollIntervalSeconds())
                      .withMisfireHandlingInstructionNextWithRemainingCount())
              .build();
      scheduler.scheduleJob(job, Set.of(trigger), true);
    }
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!key.equals(SYNC_JOB) && !wanted.contains(key)) {
        scheduler.deleteJob(key);
      }
    }
  }

  static JobKey pollJobKey(UUID channelId) {
    return JobKey.jobKey("mailbox-poll-" + channelId, GROUP);
  }

  /** Polls one mailbox; Quartz never runs two of the same mailbox at once, on any node. */
  @DisallowConcurrentExecution
  static class PollJob implements Job {

    private final MailboxPoller poller;

    PollJob(MailboxPoller poller) {
      this.poller = poller;
    }

    @Override
    public void execute(JobExecutionContext context) {
      poller.poll(UUID.fromString(context.getMergedJobDataMap().getString(CHANNEL_ID)));
    }
  }

  /** Runs {@link #sync()}. */
  @DisallowConcurrentExecution
  static class SyncJob implements Job {

    private final MailboxSchedule schedule;

    SyncJob(MailboxSchedule schedule) {
      this.schedule = schedule;
    }

    @Override
    public void execute(JobExecutionContext context) throws org.quartz.JobExecutionException {
      try {
        schedule.sync();
      } catch (SchedulerException e) {
        throw new org.quartz.JobExecutionException(e);
      }
    }
  }
}
