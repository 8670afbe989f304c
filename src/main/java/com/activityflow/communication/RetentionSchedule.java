package com.activityflow.communication;

import jakarta.validation.constraints.NotBlank;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.validation.annotation.Validated;

/**
 * Runs {@link CommunicationRetention} daily through Quartz's clustered store, so that with several
 * nodes each run happens on exactly one. The schedule is a Quartz cron expression
 * ({@code activityflow.retention.cron}, env {@code RETENTION_CRON}) in {@code activityflow.retention.zone}.
 */
@Configuration
@EnableConfigurationProperties(RetentionSchedule.RetentionProperties.class)
class RetentionSchedule {

  static final String JOB_NAME = "communication-retention";

  @Validated
  @ConfigurationProperties("activityflow.retention")
  record RetentionProperties(@DefaultValue("0 30 2 * * ?") @NotBlank String cron, @DefaultValue("UTC") @NotBlank String zone) {}

  @Bean
  JobDetail communicationRetentionJob() {
    return JobBuilder.newJob(RetentionJob.class)
        .withIdentity(JOB_NAME)
        .withDescription("Archives or purges communication logs past their category's retention")
        .storeDurably()
        .requestRecovery()
        .build();
  }

  @Bean
  Trigger communicationRetentionTrigger(JobDetail communicationRetentionJob, RetentionProperties properties) {
    if (!CronExpression.isValidExpression(properties.cron())) {
      throw new IllegalStateException("activityflow.retention.cron is not a Quartz cron expression: " + properties.cron());
    }
    return TriggerBuilder.newTrigger()
        .forJob(communicationRetentionJob)
        .withIdentity(JOB_NAME)
        .withSchedule(CronScheduleBuilder.cronSchedule(properties.cron())
            .inTimeZone(TimeZone.getTimeZone(properties.zone()))
            // all nodes down at the scheduled time: run once when one is back
            .withMisfireHandlingInstructionFireAndProceed())
        .build();
  }

  /** Quartz creates it through Spring, so it gets its dependency by constructor. */
  @DisallowConcurrentExecution
  static class RetentionJob extends QuartzJobBean {

    private final CommunicationRetention retention;

    RetentionJob(CommunicationRetention retention) {
      this.retention = retention;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
      retention.runAll();
    }
  }
}
