package com.activityflow.task.recurrence;

import com.activityflow.platform.config.CompanyTenantIdProvider;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Backing class of {@code bpmn/task-recurrence.bpmn}: one instance per series (business key =
 * series id, company as tenant) computes the next occurrence, waits on a timer job until then,
 * creates the occurrence and loops; an edit ({@value #MESSAGE_SERIES_CHANGED}) recomputes, a stop
 * ({@value #MESSAGE_SERIES_STOPPED}) ends it. Its only state is the series row and that timer job,
 * so a restart continues where it was.
 */
@Component
public class TaskRecurrenceProcess {

  public static final String PROCESS_KEY = "task-recurrence";

  public static final String START_SERIES_CREATED = "StartEvent_SeriesCreated";
  public static final String GATEWAY_RESCHEDULE = "Gateway_Reschedule";
  public static final String TASK_COMPUTE_NEXT_OCCURRENCE = "Task_ComputeNextOccurrence";
  public static final String GATEWAY_HAS_NEXT_OCCURRENCE = "Gateway_HasNextOccurrence";
  public static final String GATEWAY_WAIT_FOR_OCCURRENCE = "Gateway_WaitForOccurrence";
  public static final String EVENT_OCCURRENCE_DUE = "Event_OccurrenceDue";
  public static final String EVENT_SERIES_CHANGED = "Event_SeriesChanged";
  public static final String EVENT_SERIES_STOPPED = "Event_SeriesStopped";
  public static final String TASK_CREATE_OCCURRENCE = "Task_CreateOccurrence";
  public static final String END_SERIES_FINISHED = "End_SeriesFinished";
  public static final String END_SERIES_STOPPED = "End_SeriesStopped";

  public static final String MESSAGE_SERIES_CHANGED = "TaskSeriesChanged";
  public static final String MESSAGE_SERIES_STOPPED = "TaskSeriesStopped";

  /** Process variable names: the series id and the next instant, nothing else. */
  static final class Vars {
    static final String SERIES_ID = "seriesId";
    static final String NEXT_OCCURRENCE_AT = "nextOccurrenceAt";
    static final String HAS_NEXT_OCCURRENCE = "hasNextOccurrence";

    private Vars() {}
  }

  private final RuntimeService runtimeService;

  TaskRecurrenceProcess(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** Starts the series' instance; the first occurrence is scheduled within the caller's transaction. */
  void start(UUID seriesId, String companyCode) {
    runtimeService
        .createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(seriesId.toString())
        .setVariables(
            Variables.createVariables()
                .putValueTyped(CompanyTenantIdProvider.TENANT_VARIABLE, Variables.stringValue(companyCode))
                .putValueTyped(Vars.SERIES_ID, Variables.stringValue(seriesId.toString())))
        .execute();
  }

  /** The rule or the fields changed: the waiting instance recomputes its next occurrence. */
  void changed(UUID seriesId) {
    correlate(seriesId, MESSAGE_SERIES_CHANGED);
  }

  /** The series was stopped: the waiting instance ends without a further occurrence. */
  void stopped(UUID seriesId) {
    correlate(seriesId, MESSAGE_SERIES_STOPPED);
  }

  public Optional<ProcessInstance> instance(UUID seriesId) {
    return Optional.ofNullable(
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(seriesId.toString())
            .singleResult());
  }

  private void correlate(UUID seriesId, String message) {
    instance(seriesId)
        .ifPresent(
            pi -> runtimeService.createMessageCorrelation(message).processInstanceId(pi.getId()).correlateAllWithResult());
  }

  static UUID seriesId(VariableScope scope) {
    return UUID.fromString((String) scope.getVariable(Vars.SERIES_ID));
  }

  /** Computes the next occurrence from the series' stored rule, time zone and last occurrence. */
  @Component("computeNextOccurrence")
  static class ComputeNextOccurrence implements JavaDelegate {
    private final TaskSeriesService series;

    ComputeNextOccurrence(TaskSeriesService series) {
      this.series = series;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Optional<Instant> next = series.scheduleNext(seriesId(execution));
      execution.setVariable(Vars.HAS_NEXT_OCCURRENCE, Variables.booleanValue(next.isPresent()));
      execution.setVariable(Vars.NEXT_OCCURRENCE_AT, Variables.dateValue(next.map(Date::from).orElse(null)));
    }
  }

  /** Creates the occurrence the timer waited for, unless the series was stopped meanwhile. */
  @Component("createOccurrence")
  static class CreateOccurrence implements JavaDelegate {
    private final TaskSeriesService series;

    CreateOccurrence(TaskSeriesService series) {
      this.series = series;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Date due = (Date) execution.getVariable(Vars.NEXT_OCCURRENCE_AT);
      series.createOccurrence(seriesId(execution), due.toInstant());
    }
  }
}
