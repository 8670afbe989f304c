package com.activityflow.directory.camunda;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/** Makes the directory Camunda's identity provider (users, groups, tenants, passwords). */
@Component
class DirectoryIdentityPlugin extends AbstractProcessEnginePlugin {

  private final DirectoryIdentityReader reader;

  DirectoryIdentityPlugin(DirectoryIdentityReader reader) {
    this.reader = reader;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(
        new SessionFactory() {
          @Override
          public Class<?> getSessionType() {
            return ReadOnlyIdentityProvider.class;
          }

          @Override
          public Session openSession() {
            return new DirectoryIdentityProvider(reader);
          }
        });
  }
}
