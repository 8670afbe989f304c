package com.activityflow.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of a run, as system properties ({@code -Dbench.runs=5}); the defaults keep a run
 * under ten minutes on two cores. {@code bench.scenarios} picks scenarios by name.
 */
record Knobs(
    int runs,
    int startups,
    int warmup,
    int createRequests,
    int queryRequests,
    int tasks,
    int escalationTasks,
    int decisions,
    int emails,
    List<String> scenarios) {

  static Knobs fromSystemProperties() {
    return new Knobs(
        integer("bench.runs", 3),
        integer("bench.startups", 3),
        integer("bench.warmup", 50),
        integer("bench.create.requests", 200),
        integer("bench.query.requests", 300),
        integer("bench.tasks", 1_000_000),
        integer("bench.escalation.tasks", 500),
        integer("bench.decisions", 2_000),
        integer("bench.emails", 300),
        Arrays.stream(System.getProperty("bench.scenarios", "creation,decisions,escalation,emails,queries").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList());
  }

  private static int integer(String name, int defaultValue) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip().replace("_", ""));
  }

  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench.runs", runs);
    m.put("bench.startups", startups);
    m.put("bench.warmup", warmup);
    m.put("bench.create.requests", createRequests);
    m.put("bench.query.requests", queryRequests);
    m.put("bench.tasks", tasks);
    m.put("bench.escalation.tasks", escalationTasks);
    m.put("bench.decisions", decisions);
    m.put("bench.emails", emails);
    m.put("bench.scenarios", String.join(",", scenarios));
    return m;
  }
}
