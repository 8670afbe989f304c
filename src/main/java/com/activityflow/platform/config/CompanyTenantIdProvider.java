package com.activityflow.platform.config;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * Companies are Camunda tenants. The models are deployed once for all companies; each process
 * instance takes its company from the {@value #TENANT_VARIABLE} start variable, and its tasks,
 * jobs and history inherit it, so Tasklist and engine REST show a user only its company's work.
 */
@Component
public class CompanyTenantIdProvider extends AbstractProcessEnginePlugin implements TenantIdProvider {

  /** Start variable holding the company code; set by every process start of the application. */
  public static final String TENANT_VARIABLE = "tenantId";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
    if (ctx.getSuperExecution() != null) {
      return ctx.getSuperExecution().getTenantId();
    }
    Object tenant = ctx.getVariables() == null ? null : ctx.getVariables().get(TENANT_VARIABLE);
    String tenantId = tenant instanceof String s && !s.isBlank() ? s : null;
    // a caller known to Camunda (engine REST, Tasklist) may only start work in its own company
    var authentication = org.camunda.bpm.engine.impl.context.Context.getCommandContext() == null
        ? null
        : org.camunda.bpm.engine.impl.context.Context.getCommandContext().getAuthentication();
    if (tenantId != null && authentication != null && authentication.getTenantIds() != null
        && !authentication.getTenantIds().contains(tenantId)) {
      throw new org.camunda.bpm.engine.AuthorizationException(
          "User " + authentication.getUserId() + " cannot start work for company " + tenantId);
    }
    // a start without a company (e.g. over engine REST) belongs to the caller's company: an
    // instance without tenant would be visible to every company
    if (tenantId == null && authentication != null && authentication.getTenantIds() != null
        && authentication.getTenantIds().size() == 1) {
      return authentication.getTenantIds().get(0);
    }
    return tenantId;
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
    if (ctx.getExecution() != null) {
      return ctx.getExecution().getTenantId();
    }
    return null;
  }
}
