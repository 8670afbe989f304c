package com.activityflow.communication;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Retention per category (S6): archive or purge what is past its time, skip active follow-ups, dry runs change nothing. */
class RetentionTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired Scheduler scheduler;
  @Autowired ApplicationContext context;

  Staff acme;
  String manager;
  String billingOld;
  String billingOldWithFollowUp;
  String billingRecent;
  String salesOld;
  String salesRecent;
  String generalOld;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    manager = tokenFor(acme.manager());
    retention(acme, "billing", 30, "archive");
    retention(acme, "sales", 90, "purge");
    billingOld = log(acme, "billing", 60, false);
    billingOldWithFollowUp = log(acme, "billing", 60, true);
    billingRecent = log(acme, "billing", 10, false);
    salesOld = log(acme, "sales", 120, false);
    salesRecent = log(acme, "sales", 60, false);
    generalOld = log(acme, "general", 400, false);
  }

  private void retention(Staff company, String category, int days, String action) {
    jdbc.update("update communication_categories set retention_days = ?, retention_action = ? where company_id = ? and category_code = ?",
        days, action, company.companyId(), category);
  }

  private String log(Staff company, String category, int daysAgo, boolean followUp) {
    UUID categoryId = jdbc.queryForObject("select id from communication_categories where company_id = ? and category_code = ?",
        UUID.class, company.companyId(), category);
    Instant start = Instant.now().minus(Duration.ofDays(daysAgo)).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> body = new HashMap<>();
    body.put("communication_type", "call");
    body.put("channel", "phone");
    body.put("direction", "inbound");
    body.put("subject", category + " call of " + daysAgo + " days ago");
    body.put("start_time", start.toString());
    body.put("end_time", start.plus(Duration.ofMinutes(5)).toString());
    body.put("content", "The customer called; we talked it through in detail.");
    body.put("category_ids", List.of(categoryId.toString()));
    body.put("requires_follow_up", followUp);
    Response r = post("/api/communication-logs", tokenFor(company.manager()), body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.text("id");
  }

  private static JsonNode category(JsonNode report, String code) {
    for (JsonNode c : report.get("categories")) {
      if (c.get("category_code").asText().equals(code)) {
        return c;
      }
    }
    throw new AssertionError("no category " + code + " in " + report);
  }

  private long changed() {
    return jdbc.queryForObject("select count(*) from communication_logs where company_id = ? and (archived_at is not null or"
        + " anonymized_at is not null or subject = '[erased]')", Long.class, acme.companyId());
  }

  @Test
  void aDryRunReportsWhatWouldGoAndChangesNothing() {
    Response dry = post("/api/admin/retention/run?dry_run=true", manager, null);
    assertThat(dry.status()).as(dry.body().toString()).isEqualTo(200);
    JsonNode report = dry.body();
    assertThat(report.get("dry_run").asBoolean()).isTrue();
    assertThat(report.get("categories")).hasSize(2);
    JsonNode billing = category(report, "billing");
    assertThat(billing.get("action").asText()).isEqualTo("archive");
    assertThat(billing.get("count").asInt()).isEqualTo(1);
    assertThat(billing.get("log_ids")).extracting(JsonNode::asText).containsExactly(billingOld);
    assertThat(billing.get("skipped_active_follow_up").asInt()).isEqualTo(1);
    JsonNode sales = category(report, "sales");
    assertThat(sales.get("action").asText()).isEqualTo("purge");
    assertThat(sales.get("log_ids")).extracting(JsonNode::asText).containsExactly(salesOld);

    assertThat(changed()).isZero();
    assertThat(get("/api/communication-logs/" + salesOld, manager).body().get("subject").asText()).isEqualTo("sales call of 120 days ago");
    assertThat(jdbc.queryForObject("select count(*) from audit_log where company_id = ? and action = 'retention_dry_run'", Long.class,
        acme.companyId())).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from audit_log where company_id = ? and action in ('archive', 'purge')", Long.class,
        acme.companyId())).isZero();
  }

  @Test
  void aRealRunArchivesAndPurgesExactlyTheOldLogsOfTheirCategory() {
    Response run = post("/api/admin/retention/run?dry_run=false", tokenFor(acme.admin()), null);
    assertThat(run.status()).as(run.body().toString()).isEqualTo(200);

    // archived: kept whole, out of the default list, back with include_archived
    JsonNode archived = get("/api/communication-logs/" + billingOld, manager).body();
    assertThat(archived.get("archived_at").isNull()).isFalse();
    assertThat(archived.get("subject").asText()).isEqualTo("billing call of 60 days ago");
    JsonNode list = get("/api/communication-logs?page_size=100", manager).body();
    assertThat(list.get("items")).extracting(i -> i.get("id").asText())
        .containsExactlyInAnyOrder(billingOldWithFollowUp, billingRecent, salesRecent, generalOld);
    JsonNode all = get("/api/communication-logs?page_size=100&include_archived=true", manager).body();
    assertThat(all.get("items")).extracting(i -> i.get("id").asText()).contains(billingOld, salesOld).hasSize(6);

    // purged: anonymised and archived, the row and its numbers stay
    JsonNode purged = get("/api/communication-logs/" + salesOld, manager).body();
    assertThat(purged.get("subject").asText()).isEqualTo("[erased]");
    assertThat(purged.get("content").asText()).isEqualTo("[erased]");
    assertThat(purged.get("duration_minutes").asInt()).isEqualTo(5);
    assertThat(purged.get("categories")).extracting(JsonNode::asText).containsExactly("sales");

    // untouched: the recent ones, the one with an active follow-up, the category without retention
    assertThat(jdbc.queryForList("select id::text from communication_logs where company_id = ? and archived_at is null"
        + " and anonymized_at is null", String.class, acme.companyId()))
        .containsExactlyInAnyOrder(billingOldWithFollowUp, billingRecent, salesRecent, generalOld);

    assertThat(jdbc.queryForList("select action || ' ' || entity_id from audit_log where company_id = ? and action in ('archive', 'purge')",
        String.class, acme.companyId())).containsExactlyInAnyOrder("archive " + billingOld, "purge " + salesOld);
    assertThat(jdbc.queryForObject("select count(*) from audit_log where company_id = ? and action = 'retention_run'", Long.class,
        acme.companyId())).isEqualTo(1);

    // a second run finds nothing left to do
    JsonNode again = post("/api/admin/retention/run?dry_run=false", manager, null).body();
    assertThat(category(again, "billing").get("count").asInt()).isZero();
    assertThat(category(again, "sales").get("count").asInt()).isZero();
  }

  @Test
  void onlyManagersAndAdminsRunRetentionAndOnlyForTheirCompany() {
    assertThat(post("/api/admin/retention/run?dry_run=true", tokenFor(acme.rep1()), null).status()).isEqualTo(403);
    assertThat(post("/api/admin/retention/run?dry_run=false", tokenFor(acme.lead()), null).status()).isEqualTo(403);

    Staff globex = companies.create();
    JsonNode report = post("/api/admin/retention/run?dry_run=false", tokenFor(globex.manager()), null).body();
    assertThat(report.get("categories")).isEmpty();
    assertThat(changed()).isZero();
  }

  @Test
  void theScheduledJobIsRegisteredWithTheConfiguredCronAndRunsEveryCompany() throws Exception {
    Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(RetentionSchedule.JOB_NAME));
    assertThat(trigger).isInstanceOf(CronTrigger.class);
    assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo("0 15 3 * * ?");
    JobDetail job = scheduler.getJobDetail(JobKey.jobKey(RetentionSchedule.JOB_NAME));
    assertThat(job.getJobClass()).isEqualTo(RetentionSchedule.RetentionJob.class);
    assertThat(trigger.getJobKey()).isEqualTo(job.getKey());

    Staff globex = companies.create();
    retention(globex, "billing", 30, "archive");
    String globexOld = log(globex, "billing", 45, false);

    // the job as Quartz would create it (through Spring), run once: both companies are handled
    RetentionSchedule.RetentionJob instance = context.getAutowireCapableBeanFactory().createBean(RetentionSchedule.RetentionJob.class);
    instance.executeInternal(null);

    assertThat(jdbc.queryForObject("select archived_at is not null from communication_logs where id = ?::uuid", Boolean.class, billingOld))
        .isTrue();
    assertThat(jdbc.queryForObject("select anonymized_at is not null from communication_logs where id = ?::uuid", Boolean.class, salesOld))
        .isTrue();
    assertThat(jdbc.queryForObject("select archived_at is not null from communication_logs where id = ?::uuid", Boolean.class, globexOld))
        .isTrue();
    assertThat(jdbc.queryForObject("select actor_username from audit_log where company_id = ? and action = 'retention_run'", String.class,
        globex.companyId())).isEqualTo("retention");
  }
}
