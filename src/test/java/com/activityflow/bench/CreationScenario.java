package com.activityflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Task creation through {@code POST /api/tasks} (HTTP, JWT, validation, domain insert, DMN
 * assignment, process start, outbox, audit) and completion through {@code PUT /api/tasks/{id}},
 * at 1 and 4 clients, against starting the bare start → user task → end process and completing
 * its user task through the Java API with as many threads. App and bare runs alternate.
 */
final class CreationScenario implements Scenario {

  private static final String[] TYPES = {"call", "email", "follow_up", "meeting"};
  private static final int[] CLIENTS = {1, 4};

  @Override
  public String name() {
    return "creation";
  }

  @Override
  public void run(BenchApp app, Knobs knobs, Results results) {
    String token = app.token("manager1", "manager1");
    List<String> customers = app.acmeCustomerIds();
    RuntimeService runtime = app.engine.getRuntimeService();
    TaskService engineTasks = app.engine.getTaskService();
    MemorySampler memory = MemorySampler.start();

    // warm-up: JIT, connection pools, caches
    createAndComplete(app, token, customers, 4, knobs.warmup());
    startAndCompleteBare(runtime, engineTasks, 4, knobs.warmup());

    for (int clients : CLIENTS) {
      Map<String, List<Double>> m = new LinkedHashMap<>();
      for (int run = 0; run < knobs.runs(); run++) {
        int n = knobs.createRequests();
        JsonNode[] created = new JsonNode[n];
        Load.Run create =
            Load.run(clients, n, i -> created[i] = app.call("POST", "/api/tasks", token, body(i, customers), 201));
        Load.Run bareStart = Load.run(clients, n, i -> runtime.startProcessInstanceByKey(
            BareModels.USER_TASK_PROCESS, Variables.createVariables().putValue("tenantId", "acme")));
        Load.Run complete =
            Load.run(clients, n, i -> app.call("PUT", "/api/tasks/" + created[i].get("id").asText(), token,
                Map.of("version", created[i].get("version").asLong(), "status", "completed"), 200));
        List<String> bareTasks = bareTaskIds(engineTasks, n);
        Load.Run bareComplete = Load.run(clients, n, i -> engineTasks.complete(bareTasks.get(i)));
        add(m, "create.tps", create.throughput());
        add(m, "create.p50", create.p50());
        add(m, "create.p99", create.p99());
        add(m, "bareStart.tps", bareStart.throughput());
        add(m, "bareStart.p50", bareStart.p50());
        add(m, "bareStart.p99", bareStart.p99());
        add(m, "complete.tps", complete.throughput());
        add(m, "complete.p50", complete.p50());
        add(m, "complete.p99", complete.p99());
        add(m, "bareComplete.tps", bareComplete.throughput());
        add(m, "bareComplete.p50", bareComplete.p50());
        add(m, "bareComplete.p99", bareComplete.p99());
      }
      String c = clients + (clients == 1 ? " client" : " clients");
      Figure createTps = Figure.of(m.get("create.tps"));
      Figure bareStartTps = Figure.of(m.get("bareStart.tps"));
      results.add(ratioRow("task creation, " + c, "throughput", createTps, "bare start", bareStartTps));
      Figure createP99 = Figure.of(m.get("create.p99"));
      results.add(new Results.Row("task creation, " + c, "p50 latency", "ms", Figure.of(m.get("create.p50")),
          "bare start", Figure.of(m.get("bareStart.p50")), null, null, null));
      results.add(new Results.Row("task creation, " + c, "p99 latency", "ms", createP99,
          "bare start", Figure.of(m.get("bareStart.p99")),
          clients == 4 ? "<= 50 ms" : null, clients == 4 ? createP99.median() <= 50 : null, null));
      results.add(ratioRow("task completion, " + c, "throughput", Figure.of(m.get("complete.tps")),
          "bare completion", Figure.of(m.get("bareComplete.tps"))));
      results.add(new Results.Row("task completion, " + c, "p99 latency", "ms", Figure.of(m.get("complete.p99")),
          "bare completion", Figure.of(m.get("bareComplete.p99")), null, null, null));
    }
    // the SQL behind one request, sequentially (docs/performance.md)
    int k = 30;
    JsonNode[] profiled = new JsonNode[k];
    results.profile(SqlProfile.measure(app, "task creation (POST /api/tasks)", k,
        i -> profiled[i] = app.call("POST", "/api/tasks", token, body(i, customers), 201)));
    results.profile(SqlProfile.measure(app, "bare process start", k, i -> runtime.startProcessInstanceByKey(
        BareModels.USER_TASK_PROCESS, Variables.createVariables().putValue("tenantId", "acme"))));
    results.profile(SqlProfile.measure(app, "task completion (PUT /api/tasks/{id})", k,
        i -> app.call("PUT", "/api/tasks/" + profiled[i].get("id").asText(), token,
            Map.of("version", profiled[i].get("version").asLong(), "status", "completed"), 200)));
    List<String> bareIds = bareTaskIds(engineTasks, k);
    results.profile(SqlProfile.measure(app, "bare user task completion", k, i -> engineTasks.complete(bareIds.get(i))));

    results.add(new Results.Row("resident memory", "JVM resident set during creation/completion load", "MiB",
        memory.stop(), null, null, null, null,
        "VmRSS of the JVM running the app (and the load clients); PostgreSQL runs in its own processes"));
  }

  private static Results.Row ratioRow(String scenario, String metric, Figure app, String baselineName, Figure bare) {
    double ratio = app.median() / bare.median();
    return new Results.Row(scenario, metric, "ops/s", app, baselineName, bare, ">= 60% of bare", ratio >= 0.6, null);
  }

  private static void add(Map<String, List<Double>> m, String key, double value) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  static Map<String, Object> body(int i, List<String> customers) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("task_title", "Benchmark " + TYPES[i % TYPES.length] + " " + i);
    body.put("task_description", "Created by the benchmark suite, request " + i);
    body.put("task_type", TYPES[i % TYPES.length]);
    body.put("priority", "normal");
    body.put("estimated_hours", 2);
    body.put("customer_id", customers.get(i % customers.size()));
    body.put("due_date", Instant.now().plus(Duration.ofDays(30)).toString());
    return body;
  }

  private static void createAndComplete(BenchApp app, String token, List<String> customers, int clients, int n) {
    if (n <= 0) {
      return;
    }
    JsonNode[] created = new JsonNode[n];
    Load.run(clients, n, i -> created[i] = app.call("POST", "/api/tasks", token, body(i, customers), 201));
    Load.run(clients, n, i -> app.call("PUT", "/api/tasks/" + created[i].get("id").asText(), token,
        Map.of("version", created[i].get("version").asLong(), "status", "completed"), 200));
  }

  private static void startAndCompleteBare(RuntimeService runtime, TaskService engineTasks, int clients, int n) {
    if (n <= 0) {
      return;
    }
    Load.run(clients, n, i -> runtime.startProcessInstanceByKey(
        BareModels.USER_TASK_PROCESS, Variables.createVariables().putValue("tenantId", "acme")));
    List<String> ids = bareTaskIds(engineTasks, n);
    Load.run(clients, ids.size(), i -> engineTasks.complete(ids.get(i)));
  }

  private static List<String> bareTaskIds(TaskService engineTasks, int n) {
    List<String> ids =
        engineTasks.createTaskQuery().processDefinitionKey(BareModels.USER_TASK_PROCESS).listPage(0, n).stream()
            .map(org.camunda.bpm.engine.task.Task::getId)
            .toList();
    if (ids.size() != n) {
      throw new IllegalStateException("expected " + n + " bare user tasks, found " + ids.size());
    }
    return ids;
  }
}
