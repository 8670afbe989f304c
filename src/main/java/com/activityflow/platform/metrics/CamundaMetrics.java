package com.activityflow.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's figures in Prometheus:
 *
 * <ul>
 *   <li>every engine metric (job executor: {@code job-successful}, {@code job-failed},
 *       {@code job-acquisition-attempt}, {@code job-acquired-success}, {@code job-acquired-failure},
 *       {@code job-execution-rejected}, {@code job-locked-exclusive}; also process, activity and
 *       decision counts) as a counter {@code camunda_<name>_total} of this node since its start,
 *       e.g. {@code camunda_job_successful_total}. The engine itself only writes them to its
 *       metrics table every 15 minutes; here they are mirrored as they happen.
 *   <li>gauges of the job table (all nodes): {@code camunda_jobs{state="due"}} (executable now),
 *       {@code {state="failed"}} (no retries left: an incident), {@code {state="waiting"}} (timers
 *       and retries not yet due, suspended), and {@code camunda_incidents_open}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class CamundaMetrics {

  private static final List<String> ENGINE_METRICS =
      List.of(
          Metrics.JOB_ACQUISITION_ATTEMPT,
          Metrics.JOB_ACQUIRED_SUCCESS,
          Metrics.JOB_ACQUIRED_FAILURE,
          Metrics.JOB_EXECUTION_REJECTED,
          Metrics.JOB_SUCCESSFUL,
          Metrics.JOB_FAILED,
          Metrics.JOB_LOCKED_EXCLUSIVE,
          Metrics.ROOT_PROCESS_INSTANCE_START,
          Metrics.ACTIVTY_INSTANCE_START,
          Metrics.ACTIVTY_INSTANCE_END,
          Metrics.EXECUTED_DECISION_INSTANCES,
          Metrics.EXECUTED_DECISION_ELEMENTS,
          Metrics.HISTORY_CLEANUP_REMOVED_PROCESS_INSTANCES,
          Metrics.HISTORY_CLEANUP_REMOVED_DECISION_INSTANCES,
          Metrics.HISTORY_CLEANUP_REMOVED_BATCH_OPERATIONS);

  /** Replaces the engine's metrics registry before the engine builds it. */
  @Bean
  AbstractProcessEnginePlugin prometheusEngineMetrics(ObjectProvider<MeterRegistry> registry) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setMetricsRegistry(new MirroringMetricsRegistry(registry));
      }
    };
  }

  @Bean
  MeterBinder camundaJobGauges(ManagementService management, RuntimeService runtime) {
    return registry -> {
      ENGINE_METRICS.forEach(name -> engineCounter(name, registry)); // visible as 0 before the first occurrence
      Gauge.builder("camunda.jobs", () -> management.createJobQuery().executable().count())
          .description("Jobs of the engine by state (all nodes)")
          .tag("state", "due")
          .register(registry);
      Gauge.builder("camunda.jobs", () -> management.createJobQuery().noRetriesLeft().count())
          .description("Jobs of the engine by state (all nodes)")
          .tag("state", "failed")
          .register(registry);
      Gauge.builder(
              "camunda.jobs",
              () ->
                  management.createJobQuery().count()
                      - management.createJobQuery().executable().count()
                      - management.createJobQuery().noRetriesLeft().count())
          .description("Jobs of the engine by state (all nodes)")
          .tag("state", "waiting")
          .register(registry);
      Gauge.builder("camunda.incidents.open", () -> runtime.createIncidentQuery().count())
          .description("Open incidents (all nodes)")
          .register(registry);
    };
  }

  /** Counts each engine metric occurrence also in Micrometer; the engine's own reporting is unchanged. */
  static class MirroringMetricsRegistry extends MetricsRegistry {

    private final ObjectProvider<MeterRegistry> registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MirroringMetricsRegistry(ObjectProvider<MeterRegistry> registry) {
      this.registry = registry;
    }

    @Override
    public void markOccurrence(String name, long times) {
      super.markOccurrence(name, times);
      Counter counter = counter(name);
      if (counter != null) {
        counter.increment(times);
      }
    }

    private Counter counter(String name) {
      MeterRegistry meters = registry.getIfAvailable();
      if (meters == null) {
        return null;
      }
      return counters.computeIfAbsent(name, n -> engineCounter(n, meters));
    }
  }

  static Counter engineCounter(String engineMetric, MeterRegistry meters) {
    return Counter.builder("camunda." + engineMetric.replace('-', '.'))
        .description("Camunda engine metric '" + engineMetric + "' on this node since its start")
        .register(meters);
  }
}
