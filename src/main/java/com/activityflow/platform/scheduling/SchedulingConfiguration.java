package com.activityflow.platform.scheduling;

import java.time.Duration;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's Quartz jobs and the recording of every job run (see the package description). */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

  static final String HOUSEKEEPING = "platform-housekeeping";

  @Bean
  SchedulerFactoryBeanCustomizer recordJobRuns(JobRunRecorder recorder) {
    return factory -> factory.setGlobalJobListeners(recorder);
  }

  @Bean
  JobDetail housekeepingJob() {
    return JobBuilder.newJob(Housekeeping.Job.class)
        .withIdentity(HOUSEKEEPING)
        .withDescription("Removes expired rate-limit counters and old job run records")
        .storeDurably()
        .build();
  }

  @Bean
  Trigger housekeepingTrigger(
      JobDetail housekeepingJob, @Value("${activityflow.housekeeping.interval:PT1M}") Duration interval) {
    return TriggerBuilder.newTrigger()
        .forJob(housekeepingJob)
        .withIdentity(HOUSEKEEPING)
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withIntervalInMilliseconds(interval.toMillis())
            .repeatForever()
            // after a pause (all nodes down) run once, not once per missed interval
            .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
