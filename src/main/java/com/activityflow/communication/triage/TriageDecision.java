package com.activityflow.communication.triage;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Evaluates the {@code communication-triage} decision table (latest deployed version, so an
 * analyst's change applies to the next log) and reads its outputs.
 */
@Component
public class TriageDecision {

  public static final String DECISION_KEY = "communication-triage";

  /** The facts the table decides on; names are the table's input expressions. */
  public record Facts(
      String channelType, String direction, Double sentimentScore, String sentimentLabel, String keywordCategory,
      int keywordHits, String customerTier) {}

  /** What the table decided; {@code followUpWithin} is null when no follow-up is required. */
  public record Outcome(String categoryCode, String priority, boolean followUpRequired, Duration followUpWithin) {}

  private final DecisionService decisions;

  TriageDecision(DecisionService decisions) {
    this.decisions = decisions;
  }

  public Outcome evaluate(Facts facts) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("channelType", facts.channelType());
    variables.put("direction", facts.direction());
    variables.put("sentimentScore", facts.sentimentScore());
    variables.put("sentimentLabel", facts.sentimentLabel());
    variables.put("keywordCategory", facts.keywordCategory());
    variables.put("keywordHits", facts.keywordHits());
    variables.put("customerTier", facts.customerTier());
    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(DECISION_KEY).variables(variables).evaluate().getFirstResult();
    if (result == null) {
      return new Outcome(facts.keywordCategory(), null, false, null);
    }
    // an empty output cell is absent from the result, so read the map
    Map<String, Object> entries = result.getEntryMap();
    String within = (String) entries.get("followUpWithin");
    Boolean required = (Boolean) entries.get("followUpRequired");
    return new Outcome(
        (String) entries.get("categoryCode"),
        (String) entries.get("priority"),
        Boolean.TRUE.equals(required),
        within == null || within.isBlank() ? null : Duration.parse(within));
  }
}
