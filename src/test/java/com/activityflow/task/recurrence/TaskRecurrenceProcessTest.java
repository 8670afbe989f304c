package com.activityflow.task.recurrence;

import static com.activityflow.task.recurrence.SeriesFixtures.occurrences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.Authentications;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.activityflow.task.TaskType;
import com.activityflow.task.recurrence.TaskSeriesRequests.CreateSeries;
import com.activityflow.task.recurrence.TaskSeriesRequests.UpdateSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every path of {@code bpmn/task-recurrence.bpmn}, with the real delegates and database. */
class TaskRecurrenceProcessTest extends IntegrationTest {

  @Autowired ProcessEngine engine;
  @Autowired TaskSeriesService series;
  @Autowired TaskRecurrenceProcess process;
  @Autowired JdbcTemplate jdbc;

  Staff acme;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    acme = companies.create();
  }

  private TaskSeriesView create(DirectoryUser as, String rrule) {
    CreateSeries request =
        new CreateSeries(
            "Check the pipeline", null, TaskType.FOLLOW_UP, null, null, null, null, null, null, null, null,
            Duration.ofHours(4), rrule, LocalDateTime.parse("2030-01-07T09:00:00"), "Europe/Berlin");
    return Authentications.runAs(as, () -> series.create(request));
  }

  private ProcessInstance instanceOf(TaskSeriesView s) {
    return process.instance(s.id()).orElseThrow();
  }

  private static Date at(String instant) {
    return Date.from(Instant.parse(instant));
  }

  @Test
  void waitsForEachOccurrenceCreatesItAndFinishesWhenCountIsReached() {
    TaskSeriesView s = create(acme.rep1(), "FREQ=DAILY;COUNT=2");
    ProcessInstance pi = instanceOf(s);

    assertThat(pi.getTenantId()).isEqualTo(acme.code());
    assertThat(pi.getBusinessKey()).isEqualTo(s.id().toString());
    assertThat(pi)
        .hasPassed(TaskRecurrenceProcess.TASK_COMPUTE_NEXT_OCCURRENCE)
        .isWaitingAt(TaskRecurrenceProcess.GATEWAY_WAIT_FOR_OCCURRENCE)
        .variables()
        .containsEntry(TaskRecurrenceProcess.Vars.NEXT_OCCURRENCE_AT, at("2030-01-07T08:00:00Z"))
        .containsEntry(TaskRecurrenceProcess.Vars.HAS_NEXT_OCCURRENCE, true);
    assertThat(job()).hasDueDate(at("2030-01-07T08:00:00Z"));

    execute(job());
    assertThat(pi).hasPassed(TaskRecurrenceProcess.TASK_CREATE_OCCURRENCE).isWaitingAt(TaskRecurrenceProcess.GATEWAY_WAIT_FOR_OCCURRENCE);
    assertThat(job()).hasDueDate(at("2030-01-08T08:00:00Z"));

    execute(job());
    assertThat(pi).hasPassed(TaskRecurrenceProcess.END_SERIES_FINISHED).isEnded();
    assertThat(occurrences(jdbc, s.id())).hasSize(2).allSatisfy(o -> assertThat(o.due()).isEqualTo(o.start().plus(Duration.ofHours(4))));
    assertThat(Authentications.runAs(acme.rep1(), () -> series.get(s.id())).status()).isEqualTo(SeriesStatus.FINISHED);
  }

  @Test
  void recomputesTheNextOccurrenceWhenTheSeriesChanges() {
    TaskSeriesView s = create(acme.rep1(), "FREQ=DAILY");
    ProcessInstance pi = instanceOf(s);

    UpdateSeries edit =
        new UpdateSeries(
            s.version(), null, null, null, null, null, null, null, null, null, null, null, null, "FREQ=WEEKLY;BYDAY=WE", null, null);
    Authentications.runAs(acme.rep1(), () -> series.update(s.id(), edit));

    assertThat(pi).hasPassed(TaskRecurrenceProcess.EVENT_SERIES_CHANGED).isWaitingAt(TaskRecurrenceProcess.GATEWAY_WAIT_FOR_OCCURRENCE);
    assertThat(job()).hasDueDate(at("2030-01-09T08:00:00Z"));
    assertThat(occurrences(jdbc, s.id())).isEmpty();
  }

  @Test
  void endsWhenTheSeriesIsStopped() {
    TaskSeriesView s = create(acme.rep1(), "FREQ=DAILY");
    ProcessInstance pi = instanceOf(s);

    Authentications.runAs(acme.lead(), () -> series.stop(s.id(), null));

    assertThat(pi).hasPassed(TaskRecurrenceProcess.EVENT_SERIES_STOPPED, TaskRecurrenceProcess.END_SERIES_STOPPED).isEnded();
    assertThat(pi).hasNotPassed(TaskRecurrenceProcess.TASK_CREATE_OCCURRENCE);
  }

  @Test
  void createsNothingWhenTheSeriesWasStoppedWhileTheOccurrenceWasDue() {
    TaskSeriesView s = create(acme.rep1(), "FREQ=DAILY");
    ProcessInstance pi = instanceOf(s);
    // stopped without the message reaching the instance (e.g. by an operator in the database)
    jdbc.update("update task_series set status = 'stopped' where id = ?", s.id());

    assertThat(pi).isWaitingAt(TaskRecurrenceProcess.GATEWAY_WAIT_FOR_OCCURRENCE);
    execute(job());

    assertThat(pi).hasPassed(TaskRecurrenceProcess.TASK_CREATE_OCCURRENCE, TaskRecurrenceProcess.END_SERIES_FINISHED).isEnded();
    assertThat(occurrences(jdbc, s.id())).isEmpty();
  }

  @Test
  void endsAfterTheOnlyOccurrenceOfCountOne() {
    TaskSeriesView s = create(acme.rep1(), "FREQ=DAILY;COUNT=1");
    ProcessInstance pi = instanceOf(s);
    assertThat(pi).isWaitingAt(TaskRecurrenceProcess.GATEWAY_WAIT_FOR_OCCURRENCE);
    execute(job());
    assertThat(pi).hasPassed(TaskRecurrenceProcess.TASK_CREATE_OCCURRENCE, TaskRecurrenceProcess.END_SERIES_FINISHED).isEnded();
    assertThat(occurrences(jdbc, s.id())).extracting(SeriesFixtures.Occurrence::start).containsExactly(Instant.parse("2030-01-07T08:00:00Z"));
    UUID seriesId = s.id();
    assertThat(jdbc.queryForObject("select status from task_series where id = ?", String.class, seriesId)).isEqualTo("finished");
  }
}
