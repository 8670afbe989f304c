package com.activityflow.modeling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves running instances of a process to its newest version with Camunda's migration API
 * (equal activities mapped by id). A dry run migrates each instance inside a transaction that
 * is rolled back, so it reports exactly what a real run would do, and why an instance cannot move.
 */
public class ProcessMigrator {

  /** What happened (or would happen) to one instance. */
  public record InstanceResult(String processInstanceId, String businessKey, int fromVersion, boolean migrated, String reason) {}

  /** The report of a migration run. */
  public record Report(String processKey, int targetVersion, boolean dryRun, List<InstanceResult> instances) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TransactionTemplate tx;
  private final ModelDeploymentAudit audit;

  public ProcessMigrator(RepositoryService repository, RuntimeService runtime, TransactionTemplate tx, ModelDeploymentAudit audit) {
    this.repository = repository;
    this.runtime = runtime;
    this.tx = tx;
    this.audit = audit;
  }

  public Report migrateToLatest(String processKey, boolean dryRun, String actor) {
    ProcessDefinition target =
        repository.createProcessDefinitionQuery().processDefinitionKey(processKey).withoutTenantId().latestVersion().singleResult();
    if (target == null) {
      throw new IllegalArgumentException("No process '" + processKey + "' is deployed");
    }
    List<InstanceResult> results = new ArrayList<>();
    for (ProcessDefinition source :
        repository.createProcessDefinitionQuery().processDefinitionKey(processKey).withoutTenantId().list()) {
      if (source.getVersion() >= target.getVersion()) {
        continue;
      }
      List<ProcessInstance> instances =
          runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list();
      if (instances.isEmpty()) {
        continue;
      }
      MigrationPlan plan;
      try {
        plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers().build();
      } catch (MigrationPlanValidationException e) {
        for (ProcessInstance pi : instances) {
          results.add(new InstanceResult(pi.getId(), pi.getBusinessKey(), source.getVersion(), false, "no migration plan from version " + source.getVersion() + ": " + e.getMessage()));
        }
        continue;
      }
      for (ProcessInstance pi : instances) {
        results.add(migrateOne(plan, pi, source.getVersion(), dryRun));
      }
    }
    if (!dryRun) {
      Map<String, Integer> versions = new LinkedHashMap<>();
      versions.put(processKey, target.getVersion());
      audit.migrated(actor, processKey, versions, results.stream().filter(InstanceResult::migrated).map(InstanceResult::processInstanceId).toList());
    }
    return new Report(processKey, target.getVersion(), dryRun, results);
  }

  private InstanceResult migrateOne(MigrationPlan plan, ProcessInstance pi, int fromVersion, boolean dryRun) {
    try {
      tx.executeWithoutResult(
          status -> {
            runtime.newMigration(plan).processInstanceIds(pi.getId()).execute();
            if (dryRun) {
              status.setRollbackOnly();
            }
          });
      return new InstanceResult(pi.getId(), pi.getBusinessKey(), fromVersion, !dryRun, dryRun ? "can be migrated" : "migrated");
    } catch (RuntimeException e) {
      return new InstanceResult(pi.getId(), pi.getBusinessKey(), fromVersion, false, e.getMessage());
    }
  }
}
