package com.activityflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the decision test cases that live beside the tables ({@code dmn/tests/<decision>.csv}):
 * one row per case, input columns named like the tables' input expressions, expected outputs as
 * {@code expected.<output>}. Each table must have a case for every one of its rules.
 */
class DecisionTableTest {

  private static final Path DMN = Path.of("dmn");
  private final List<String> matchedRules = new ArrayList<>();
  private final java.util.Set<String> coveredRules = new java.util.HashSet<>();
  private final DmnEngine engine = buildEngine();

  private DmnEngine buildEngine() {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    DmnDecisionTableEvaluationListener recordMatches =
        event ->
            event.getMatchingRules().forEach(
                r -> {
                  matchedRules.add(r.getId());
                  coveredRules.add(r.getId());
                });
    configuration.customPostDecisionTableEvaluationListeners(List.of(recordMatches));
    return configuration.buildEngine();
  }

  @TestFactory
  Stream<DynamicTest> everyCaseOfEveryTable() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(DMN.resolve("tests"))) {
      for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        String decisionKey = csv.getFileName().toString().replace(".csv", "");
        DmnModelInstance model = Dmn.readModelFromFile(DMN.resolve(decisionKey + ".dmn").toFile());
        DmnDecision decision;
        try (InputStream in = Files.newInputStream(DMN.resolve(decisionKey + ".dmn"))) {
          decision = engine.parseDecision(decisionKey, in);
        }
        Map<String, String> inputTypes = new HashMap<>();
        for (Input input : model.getModelElementsByType(Input.class)) {
          inputTypes.put(input.getInputExpression().getText().getTextContent(), input.getInputExpression().getTypeRef());
        }
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).split(",", -1);
        for (int row = 1; row < lines.size(); row++) {
          String[] cells = lines.get(row).split(",", -1);
          int line = row + 1;
          tests.add(
              DynamicTest.dynamicTest(
                  decisionKey + " line " + line + ": " + cells[cells.length - 1],
                  () -> check(decision, header, cells, inputTypes, decisionKey + ".csv line " + line)));
        }
        List<String> ruleIds = model.getModelElementsByType(Rule.class).stream().map(Rule::getId).toList();
        tests.add(
            DynamicTest.dynamicTest(
                decisionKey + " has a case that matches each rule",
                () -> assertThat(coveredRules).as("rules of %s matched by the cases in %s", decisionKey, csv).containsAll(ruleIds)));
      }
    }
    return tests.stream();
  }

  private void check(DmnDecision decision, String[] header, String[] cells, Map<String, String> inputTypes, String where) {
    Map<String, Object> inputs = new HashMap<>();
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      String column = header[i].trim();
      String cell = cells[i].trim();
      if (column.startsWith("expected.")) {
        expected.put(column.substring("expected.".length()), cell.isEmpty() ? null : cell);
      } else if (!column.equals("description")) {
        inputs.put(column, typed(cell, inputTypes.get(column)));
      }
    }
    matchedRules.clear();
    DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, inputs);
    DmnDecisionRuleResult actual = result.getFirstResult();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Object value = actual == null ? null : actual.get(e.getKey());
      assertThat(value == null ? null : value.toString())
          .as("%s: inputs %s, output %s (matched rule %s, all outputs %s)", where, inputs, e.getKey(), matchedRules, actual)
          .isEqualTo(e.getValue());
    }
  }

  private static Object typed(String cell, String type) {
    if (cell.isEmpty()) {
      return null;
    }
    return switch (type == null ? "string" : type) {
      case "double" -> Double.valueOf(cell);
      case "integer" -> Integer.valueOf(cell);
      case "boolean" -> Boolean.valueOf(cell);
      default -> cell;
    };
  }
}
