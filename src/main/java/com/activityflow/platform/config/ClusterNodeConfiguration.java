package com.activityflow.platform.config;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Several nodes share one database and coordinate only through it: Camunda's job executor locks
 * each job row for its node ({@code ACT_RU_JOB.LOCK_OWNER_}, {@code LOCK_EXP_TIME_}), and a job
 * whose node died is taken over by another node once the lock has expired. Camunda's default
 * lock owner is an anonymous UUID; here it starts with the node's name ({@code
 * ACTIVITYFLOW_NODE_NAME}, else the host name), so an operator sees in the job table which node
 * holds which job, and the history's job log names the node that ran each job. The random
 * suffix keeps two nodes with the same name apart, which the locking relies on.
 */
@Component
class ClusterNodeConfiguration extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ClusterNodeConfiguration.class);

  private final String nodeName;

  ClusterNodeConfiguration(@Value("${activityflow.cluster.node-name:${HOSTNAME:node}}") String nodeName) {
    this.nodeName = nodeName.isBlank() ? "node" : nodeName.strip();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // recorded with every job execution in the history's job log (HOSTNAME_) and with metrics
    configuration.setHostname(nodeName);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (jobExecutor == null) {
      return;
    }
    String lockOwner = lockOwner(nodeName);
    jobExecutor.setLockOwner(lockOwner);
    log.info("Job executor lock owner of this node: {} (lock time {} ms)", lockOwner, jobExecutor.getLockTimeInMillis());
  }

  /** The node's name, cut so the owner fits Camunda's LOCK_OWNER_ column (255), and a random part. */
  static String lockOwner(String nodeName) {
    String name = nodeName.length() > 100 ? nodeName.substring(0, 100) : nodeName;
    return name + ":" + UUID.randomUUID();
  }
}
