package com.activityflow.modeling;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the model tooling and deploys the packaged models at start-up, before the application
 * serves requests (only changed files make new versions).
 */
@Configuration(proxyBeanMethods = false)
class ModelingConfiguration {

  /**
   * @param dir the repository folder whose {@code bpmn/}, {@code dmn/}, {@code forms/} the admin
   *     endpoint deploys
   * @param deployDirOnStart also deploy that folder at start-up, after the packaged models, so a
   *     live change made there survives a restart of an unchanged jar
   */
  @ConfigurationProperties("activityflow.models")
  record ModelsProperties(@DefaultValue(".") Path dir, @DefaultValue("false") boolean deployDirOnStart) {}

  @Bean
  ModelValidator modelValidator(ApplicationContext context) {
    return new ModelValidator(context::containsBean);
  }

  @Bean
  ModelDeploymentAudit modelDeploymentAudit(
      JdbcTemplate jdbc, ObjectMapper json, com.activityflow.audit.AuditTrail audit,
      com.activityflow.directory.DirectoryService directory) {
    return new ModelDeploymentAudit(jdbc, json, audit, directory);
  }

  @Bean
  ModelDeployer modelDeployer(RepositoryService repository, ModelValidator validator, ModelDeploymentAudit audit) {
    return new ModelDeployer(repository, validator, audit);
  }

  @Bean
  ProcessMigrator processMigrator(
      RepositoryService repository, RuntimeService runtime, TransactionTemplate tx, ModelDeploymentAudit audit) {
    return new ProcessMigrator(repository, runtime, tx, audit);
  }

  @Bean
  SmartInitializingSingleton deployModelsOnStart(ModelDeployer deployer, ModelsProperties properties) {
    return () -> {
      deployer.deploy(ModelFiles.fromClasspath(), "system", "startup");
      if (properties.deployDirOnStart()) {
        deployer.deploy(ModelFiles.fromDirectory(properties.dir()), "system", "startup:" + properties.dir());
      }
    };
  }
}
