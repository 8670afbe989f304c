package com.activityflow.task.recurrence;

import static com.activityflow.task.recurrence.SeriesFixtures.occurrences;
import static com.activityflow.task.recurrence.SeriesFixtures.runTimer;
import static com.activityflow.task.recurrence.SeriesFixtures.series;
import static com.activityflow.task.recurrence.SeriesFixtures.timer;
import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.platform.config.CompanyTenantIdProvider;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.activityflow.task.recurrence.SeriesFixtures.Occurrence;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The task-series API over HTTP with the real engine and timer jobs: the rules of RFC 5545 that
 * matter here (BYSETPOS, nth weekday, COUNT, UNTIL, daylight saving), edits, stops, a restart,
 * and the errors.
 */
class TaskSeriesApiTest extends IntegrationTest {

  @Autowired TaskRecurrenceProcess process;
  @Autowired RuntimeService runtimeService;
  @Autowired ProcessEngineConfiguration engineConfiguration;
  @Autowired JdbcTemplate jdbc;

  Staff acme;
  String rep1;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
  }

  private JsonNode created(Map<String, Object> body) {
    Response r = post("/api/task-series", rep1, body);
    assertThat(r.status()).as("create: %s", r.body()).isEqualTo(201);
    return r.body();
  }

  private static UUID id(JsonNode series) {
    return UUID.fromString(series.get("id").asText());
  }

  private static List<Instant> next(JsonNode series) {
    List<Instant> result = new ArrayList<>();
    series.get("next").forEach(n -> result.add(Instant.parse(n.asText())));
    return result;
  }

  private static List<Instant> starts(List<Occurrence> occurrences) {
    return occurrences.stream().map(Occurrence::start).toList();
  }

  private static void assertProblem(Response r, int status, String errorCode, String field) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).anySatisfy(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(r.body().get("error_code").asText()).isEqualTo(errorCode);
    if (field != null) {
      assertThat(r.body().get("details")).anySatisfy(d -> assertThat(d.get("field").asText()).isEqualTo(field));
    }
  }

  @Test
  void createsTheLastWeekdayOfEachMonthAsOrdinaryTasks() {
    JsonNode s = created(series("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2030-01-01T09:00:00", "Europe/Berlin"));
    assertThat(s.get("status").asText()).isEqualTo("active");
    assertThat(s.get("due_after").asText()).isEqualTo("PT24H");
    assertThat(s.get("time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(s.get("dtstart").asText()).isEqualTo("2030-01-01T09:00:00");
    assertThat(s.get("created_by_user_id").asText()).isEqualTo(acme.rep1().id().toString());
    assertThat(next(s))
        .containsExactly(
            Instant.parse("2030-01-31T08:00:00Z"),
            Instant.parse("2030-02-28T08:00:00Z"),
            Instant.parse("2030-03-29T08:00:00Z"),
            Instant.parse("2030-04-30T07:00:00Z"),
            Instant.parse("2030-05-31T07:00:00Z"));

    assertThat(runTimer(managementService, process, id(s))).isEqualTo(Instant.parse("2030-01-31T08:00:00Z"));
    assertThat(runTimer(managementService, process, id(s))).isEqualTo(Instant.parse("2030-02-28T08:00:00Z"));

    List<Occurrence> tasks = occurrences(jdbc, id(s));
    assertThat(starts(tasks)).containsExactly(Instant.parse("2030-01-31T08:00:00Z"), Instant.parse("2030-02-28T08:00:00Z"));
    assertThat(tasks.get(0).due()).isEqualTo(Instant.parse("2030-02-01T08:00:00Z"));
    assertThat(tasks.get(0).occurrence()).isEqualTo("2030-01-31T08:00:00Z");

    // an occurrence is a normal task of the creator's company with its own lifecycle
    Response task = get("/api/tasks/" + tasks.get(0).id(), rep1);
    assertThat(task.status()).isEqualTo(200);
    assertThat(task.body().get("is_recurring").asBoolean()).isTrue();
    assertThat(task.body().get("recurring_pattern").get("series_id").asText()).isEqualTo(id(s).toString());
    assertThat(task.body().get("recurring_pattern").get("rrule").asText()).contains("BYSETPOS=-1");
    assertThat(task.text("created_by_user_id")).isEqualTo(acme.rep1().id().toString());
    assertThat(task.text("task_title")).isEqualTo("Weekly pipeline review");
    assertThat(
            runtimeService.createProcessInstanceQuery().processDefinitionKey("task-lifecycle")
                .processInstanceBusinessKey(tasks.get(0).id().toString()).count())
        .isEqualTo(1);

    Response fetched = get("/api/task-series/" + id(s), rep1);
    assertThat(fetched.body().get("occurrences_created").asInt()).isEqualTo(2);
    assertThat(fetched.text("last_occurrence_at")).isEqualTo("2030-02-28T08:00:00Z");
    assertThat(next(fetched.body()).get(0)).isEqualTo(Instant.parse("2030-03-29T08:00:00Z"));
  }

  @Test
  void createsEverySecondTuesdayInTheSeriesTimeZone() {
    JsonNode s = created(series("FREQ=MONTHLY;BYDAY=2TU", "2030-01-01T10:30:00", "America/New_York"));
    // New York switches to daylight saving time on 10 March 2030
    assertThat(next(s).subList(0, 4))
        .containsExactly(
            Instant.parse("2030-01-08T15:30:00Z"),
            Instant.parse("2030-02-12T15:30:00Z"),
            Instant.parse("2030-03-12T14:30:00Z"),
            Instant.parse("2030-04-09T14:30:00Z"));
    runTimer(managementService, process, id(s));
    assertThat(starts(occurrences(jdbc, id(s)))).containsExactly(Instant.parse("2030-01-08T15:30:00Z"));
    assertThat(timer(managementService, process, id(s)).getDuedate().toInstant()).isEqualTo(Instant.parse("2030-02-12T15:30:00Z"));
  }

  @Test
  void keepsTheLocalTimeAcrossTheSwitchToSummerTime() {
    // 31 March 2030 is the last Sunday of March: Berlin moves from UTC+1 to UTC+2
    JsonNode s = created(series("FREQ=WEEKLY;BYDAY=FR", "2030-03-22T09:00:00", "Europe/Berlin"));
    for (int i = 0; i < 3; i++) {
      runTimer(managementService, process, id(s));
    }
    List<Instant> starts = starts(occurrences(jdbc, id(s)));
    assertThat(starts)
        .containsExactly(
            Instant.parse("2030-03-22T08:00:00Z"), Instant.parse("2030-03-29T08:00:00Z"), Instant.parse("2030-04-05T07:00:00Z"));
    assertThat(starts).allSatisfy(start -> assertThat(start.atZone(ZoneId.of("Europe/Berlin")).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
  }

  @Test
  void stopsAfterCountOccurrences() {
    JsonNode s = created(series("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4", "2030-01-07T09:00:00", "Europe/Berlin"));
    assertThat(next(s)).hasSize(4);
    ProcessInstance instance = process.instance(id(s)).orElseThrow();
    for (int i = 0; i < 4; i++) {
      runTimer(managementService, process, id(s));
    }
    assertThat(occurrences(jdbc, id(s))).hasSize(4);
    assertThat(process.instance(id(s))).isEmpty();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    Response fetched = get("/api/task-series/" + id(s), rep1);
    assertThat(fetched.text("status")).isEqualTo("finished");
    assertThat(fetched.body().get("occurrences_created").asInt()).isEqualTo(4);
    assertThat(fetched.body().get("next")).isEmpty();
  }

  @Test
  void stopsAfterUntil() {
    JsonNode s = created(series("FREQ=WEEKLY;BYDAY=MO;UNTIL=20300115T235959Z", "2030-01-07T09:00:00", "Europe/Berlin"));
    assertThat(next(s)).containsExactly(Instant.parse("2030-01-07T08:00:00Z"), Instant.parse("2030-01-14T08:00:00Z"));
    runTimer(managementService, process, id(s));
    runTimer(managementService, process, id(s));
    assertThat(starts(occurrences(jdbc, id(s))))
        .containsExactly(Instant.parse("2030-01-07T08:00:00Z"), Instant.parse("2030-01-14T08:00:00Z"));
    assertThat(process.instance(id(s))).isEmpty();
    assertThat(get("/api/task-series/" + id(s), rep1).text("status")).isEqualTo("finished");
  }

  @Test
  void anEditAppliesToFutureOccurrencesOnly() {
    JsonNode s = created(series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin"));
    runTimer(managementService, process, id(s));
    long version = get("/api/task-series/" + id(s), rep1).body().get("version").asLong();

    Response edited =
        put(
            "/api/task-series/" + id(s),
            rep1,
            Map.of("version", version, "rrule", "FREQ=WEEKLY;BYDAY=FR", "dtstart", "2030-01-01T14:00:00", "task_title", "Friday review"));
    assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
    assertThat(edited.text("rrule")).isEqualTo("FREQ=WEEKLY;BYDAY=FR");
    assertThat(next(edited.body()).get(0)).isEqualTo(Instant.parse("2030-01-04T13:00:00Z"));
    assertThat(timer(managementService, process, id(s)).getDuedate().toInstant()).isEqualTo(Instant.parse("2030-01-04T13:00:00Z"));

    runTimer(managementService, process, id(s));
    List<Occurrence> tasks = occurrences(jdbc, id(s));
    assertThat(starts(tasks)).containsExactly(Instant.parse("2030-01-01T08:00:00Z"), Instant.parse("2030-01-04T13:00:00Z"));
    assertThat(tasks).extracting(Occurrence::title).containsExactly("Weekly pipeline review", "Friday review");

    // the version read before the edit is stale now
    assertProblem(put("/api/task-series/" + id(s), rep1, Map.of("version", version, "task_title", "Late")), 409, "version_conflict", "version");
  }

  @Test
  void aStoppedSeriesCreatesNoFurtherOccurrences() {
    JsonNode s = created(series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin"));
    runTimer(managementService, process, id(s));
    ProcessInstance instance = process.instance(id(s)).orElseThrow();

    // another rep may not stop it; the creator may
    assertThat(post("/api/task-series/" + id(s) + "/stop", tokenFor(acme.rep2()), null).status()).isEqualTo(403);
    Response stopped = delete("/api/task-series/" + id(s), rep1);
    assertThat(stopped.status()).as("%s", stopped.body()).isEqualTo(200);
    assertThat(stopped.text("status")).isEqualTo("stopped");
    assertThat(stopped.body().get("next")).isEmpty();

    assertThat(process.instance(id(s))).isEmpty();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(occurrences(jdbc, id(s))).hasSize(1);
    assertProblem(post("/api/task-series/" + id(s) + "/stop", rep1, null), 409, "series_not_active", "status");
    assertProblem(
        put("/api/task-series/" + id(s), rep1, Map.of("version", stopped.body().get("version").asLong(), "task_title", "x")),
        409,
        "series_not_active",
        "status");
  }

  @Test
  void aManagerMayStopSomeoneElsesSeries() {
    JsonNode s = created(series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin"));
    Response stopped = post("/api/task-series/" + id(s) + "/stop", tokenFor(acme.manager()), null);
    assertThat(stopped.status()).as("%s", stopped.body()).isEqualTo(200);
    assertThat(stopped.text("status")).isEqualTo("stopped");
  }

  @Test
  void continuesFromThePersistedTimerAfterARestart() {
    JsonNode s = created(series("FREQ=WEEKLY;BYDAY=MO,WE,FR", "2030-01-07T09:00:00", "Europe/Berlin"));
    runTimer(managementService, process, id(s));

    // the state is the series row and the timer job, nothing held in memory
    ProcessInstance instance = process.instance(id(s)).orElseThrow();
    Job persisted = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(persisted.getDuedate().toInstant()).isEqualTo(Instant.parse("2030-01-09T08:00:00Z"));
    assertThat(runtimeService.getVariables(instance.getId()).keySet())
        .containsExactlyInAnyOrder(
            CompanyTenantIdProvider.TENANT_VARIABLE,
            TaskRecurrenceProcess.Vars.SERIES_ID,
            TaskRecurrenceProcess.Vars.NEXT_OCCURRENCE_AT,
            TaskRecurrenceProcess.Vars.HAS_NEXT_OCCURRENCE);
    assertThat(jdbc.queryForMap("select status, occurrences_created, last_occurrence_at from task_series where id = ?", id(s)))
        .containsEntry("status", "active")
        .containsEntry("occurrences_created", 1);

    // as after a restart: the engine forgets its cached models and reads everything from the database
    ((ProcessEngineConfigurationImpl) engineConfiguration).getDeploymentCache().purgeCache();
    String jobId = jdbc.queryForObject("select id_ from act_ru_job where process_instance_id_ = ?", String.class, instance.getId());
    managementService.executeJob(jobId);

    assertThat(starts(occurrences(jdbc, id(s))))
        .containsExactly(Instant.parse("2030-01-07T08:00:00Z"), Instant.parse("2030-01-09T08:00:00Z"));
    assertThat(timer(managementService, process, id(s)).getDuedate().toInstant()).isEqualTo(Instant.parse("2030-01-11T08:00:00Z"));
  }

  @Test
  void listsTheCompanysSeries() {
    created(series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin"));
    created(series("FREQ=WEEKLY;BYDAY=MO", "2030-01-01T09:00:00", "Europe/Berlin"));
    Response page = get("/api/task-series?page=1&page_size=1", tokenFor(acme.manager()));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().get("items")).hasSize(1);
    assertThat(page.body().get("total_count").asLong()).isEqualTo(2);
    assertThat(get("/api/task-series", tokenFor(companies.create().rep1())).body().get("total_count").asLong()).isZero();
  }

  @Test
  void rejectsAnInvalidRruleNamingTheField() {
    Response bad = post("/api/task-series", rep1, series("FREQ=MONTHLY;BYDAY=2XX", "2030-01-01T09:00:00", "Europe/Berlin"));
    assertProblem(bad, 400, "invalid_rrule", "rrule");
    assertThat(bad.body().get("message").asText()).contains("XX");

    assertProblem(post("/api/task-series", rep1, series("BYDAY=MO", "2030-01-01T09:00:00", "Europe/Berlin")), 400, "invalid_rrule", "rrule");
    assertProblem(post("/api/task-series", rep1, series("FREQ=DAILY;COUNT=2", "2020-01-01T09:00:00", "Europe/Berlin")), 400, "rrule_exhausted", "rrule");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(TaskRecurrenceProcess.PROCESS_KEY).tenantIdIn(acme.code()).count())
        .isZero();
  }

  @Test
  void rejectsAnUnknownTimeZone() {
    Response bad = post("/api/task-series", rep1, series("FREQ=DAILY", "2030-01-01T09:00:00", "Mars/Olympus_Mons"));
    assertProblem(bad, 400, "unknown_time_zone", "time_zone");
    assertThat(bad.body().get("message").asText()).contains("Mars/Olympus_Mons");
  }

  @Test
  void rejectsMissingFieldsAndBadDurations() {
    Map<String, Object> body = series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin");
    body.remove("dtstart");
    assertProblem(post("/api/task-series", rep1, body), 400, "validation_failed", "dtstart");
    Map<String, Object> negative = series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin");
    negative.put("due_after", "-PT1H");
    assertProblem(post("/api/task-series", rep1, negative), 400, "due_after_positive", "due_after");
  }

  @Test
  void requiresAuthentication() {
    assertThat(get("/api/task-series", null).status()).isEqualTo(401);
    assertThat(post("/api/task-series", null, series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin")).status()).isEqualTo(401);
  }

  @Test
  void anotherCompanysSeriesIsNotFound() {
    JsonNode s = created(series("FREQ=DAILY", "2030-01-01T09:00:00", "Europe/Berlin"));
    String outsider = tokenFor(companies.create().manager());
    assertProblem(get("/api/task-series/" + id(s), outsider), 404, "not_found", null);
    assertProblem(put("/api/task-series/" + id(s), outsider, Map.of("version", 0, "task_title", "x")), 404, "not_found", null);
    assertProblem(delete("/api/task-series/" + id(s), outsider), 404, "not_found", null);
    assertThat(get("/api/task-series/" + id(s), rep1).text("status")).isEqualTo("active");
  }
}
