package com.activityflow.bench;

import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baselines' processes, deployed by the benchmark only (they are not models of the
 * application and do not live in bpmn/): the least the engine does for the same work.
 */
final class BareModels {

  static final String USER_TASK_PROCESS = "bench-bare-user-task";
  static final String TIMER_PROCESS = "bench-bare-timer";
  static final String TIMER_EVENT = "Event_BareTimer";

  private BareModels() {}

  static void deploy(BenchApp app) {
    BpmnModelInstance userTask =
        Bpmn.createExecutableProcess(USER_TASK_PROCESS)
            .camundaHistoryTimeToLive(1)
            .startEvent("Event_Start")
            .userTask("Task_Bare")
            .endEvent("Event_End")
            .done();
    BpmnModelInstance timer =
        Bpmn.createExecutableProcess(TIMER_PROCESS)
            .camundaHistoryTimeToLive(1)
            .startEvent("Event_Start")
            .intermediateCatchEvent(TIMER_EVENT)
            .timerWithDate("2099-01-01T00:00:00")
            .endEvent("Event_End")
            .done();
    Deployment deployment =
        app.engine.getRepositoryService()
            .createDeployment()
            .name("benchmark baselines")
            .addModelInstance(USER_TASK_PROCESS + ".bpmn", userTask)
            .addModelInstance(TIMER_PROCESS + ".bpmn", timer)
            .deploy();
    if (app.engineConfiguration().isJobExecutorDeploymentAware()) {
      app.engine.getManagementService().registerDeploymentForJobExecutor(deployment.getId());
    }
  }
}
