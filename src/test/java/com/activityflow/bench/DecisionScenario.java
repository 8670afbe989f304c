package com.activityflow.bench;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The assignment table ({@code dmn/task-assignment.dmn}) evaluated through the process engine's
 * decision service (as deployed, with the configured history), against the same table in a
 * bare DMN engine (same library, no engine command, no history).
 */
final class DecisionScenario implements Scenario {

  private static final String[] TYPES = {"call", "email", "demo", "support", "follow_up", "proposal"};
  private static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
  private static final String[] TIERS = {"standard", "gold", "platinum"};

  @Override
  public String name() {
    return "decisions";
  }

  @Override
  public void run(BenchApp app, Knobs knobs, Results results) throws Exception {
    DecisionService decisions = app.engine.getDecisionService();
    DmnEngine bare = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision table;
    try (InputStream in = getClass().getResourceAsStream("/dmn/task-assignment.dmn")) {
      table = bare.parseDecision("task-assignment", in);
    }
    int n = knobs.decisions();
    Load.run(1, Math.min(n, 500), i -> decisions.evaluateDecisionByKey("task-assignment").variables(inputs(i)).evaluate());
    Load.run(1, Math.min(n, 500), i -> bare.evaluateDecision(table, inputs(i)));
    List<Double> engine = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    for (int run = 0; run < knobs.runs(); run++) {
      engine.add(Load.run(1, n, i -> decisions.evaluateDecisionByKey("task-assignment").variables(inputs(i)).evaluate())
          .throughput());
      plain.add(Load.run(1, n, i -> bare.evaluateDecision(table, inputs(i))).throughput());
    }
    results.add(new Results.Row("DMN assignment decisions, 1 thread", "throughput", "decisions/s",
        Figure.of(engine), "bare DMN engine", Figure.of(plain), null, null,
        "app: DecisionService with history level " + app.engineConfiguration().getHistory()));
  }

  private static VariableMap inputs(int i) {
    return Variables.createVariables()
        .putValue("taskType", TYPES[i % TYPES.length])
        .putValue("category", null)
        .putValue("priority", PRIORITIES[(i / 7) % PRIORITIES.length])
        .putValue("customerTier", TIERS[(i / 3) % TIERS.length]);
  }
}
