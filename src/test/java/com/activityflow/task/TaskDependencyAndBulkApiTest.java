package com.activityflow.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sub-task trees, finish-to-start dependencies and bulk operations (T6). */
class TaskDependencyAndBulkApiTest extends IntegrationTest {

  Staff acme;
  String rep1;
  String manager;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
    manager = tokenFor(acme.manager());
  }

  private JsonNode task(String title, String parent) {
    Map<String, Object> body = new HashMap<>(Map.of("task_title", title, "task_type", "demo"));
    if (parent != null) {
      body.put("parent_task_id", parent);
    }
    Response r = post("/api/tasks", rep1, body);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.body();
  }

  private static String id(JsonNode task) {
    return task.get("id").asText();
  }

  private JsonNode setStatus(JsonNode task, String status) {
    JsonNode current = get("/api/tasks/" + id(task), rep1).body();
    return put("/api/tasks/" + id(task), rep1, Map.of("version", current.get("version").asLong(), "status", status)).body();
  }

  @Test
  void aBlockedTaskCannotStartOrCompleteUntilItsPredecessorsAreDone() {
    JsonNode design = task("Design", null);
    JsonNode build = task("Build", null);
    Response added = post("/api/tasks/" + id(build) + "/dependencies", rep1, Map.of("predecessor_id", id(design)));
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().get("blocked").asBoolean()).isTrue();
    assertThat(get("/api/tasks/" + id(design) + "/dependencies", rep1).body().get("successors").get(0).get("task_title").asText()).isEqualTo("Build");

    JsonNode refused = setStatus(build, "in_progress");
    assertThat(refused.get("error_code").asText()).isEqualTo("blocked_by_predecessors");
    assertThat(refused.get("message").asText()).contains("Design");
    assertThat(setStatus(build, "completed").get("error_code").asText()).isEqualTo("blocked_by_predecessors");

    assertThat(setStatus(design, "completed").get("status").asText()).isEqualTo("completed");
    assertThat(setStatus(build, "in_progress").get("status").asText()).isEqualTo("in_progress");
  }

  @Test
  void refusesCyclesSelfDependenciesAndOtherCompanies() {
    JsonNode a = task("A", null);
    JsonNode b = task("B", null);
    JsonNode c = task("C", null);
    post("/api/tasks/" + id(b) + "/dependencies", rep1, Map.of("predecessor_id", id(a)));
    post("/api/tasks/" + id(c) + "/dependencies", rep1, Map.of("predecessor_id", id(b)));

    Response cycle = post("/api/tasks/" + id(a) + "/dependencies", rep1, Map.of("predecessor_id", id(c)));
    assertThat(cycle.status()).isEqualTo(409);
    assertThat(cycle.body().get("error_code").asText()).isEqualTo("dependency_cycle");
    assertThat(post("/api/tasks/" + id(a) + "/dependencies", rep1, Map.of("predecessor_id", id(a))).body().get("error_code").asText())
        .isEqualTo("dependency_self");
    assertThat(post("/api/tasks/" + id(a) + "/dependencies", rep1, Map.of()).status()).isEqualTo(400);

    Staff globex = companies.create();
    String globexRep = tokenFor(globex.rep1());
    JsonNode theirs = post("/api/tasks", globexRep, Map.of("task_title", "theirs", "task_type", "demo")).body();
    Response foreign = post("/api/tasks/" + id(a) + "/dependencies", rep1, Map.of("predecessor_id", id(theirs)));
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.body().get("error_code").asText()).isEqualTo("predecessor_not_found");
    assertThat(get("/api/tasks/" + id(a) + "/dependencies", globexRep).status()).isEqualTo(404);
    assertThat(get("/api/tasks/" + id(a) + "/dependencies", null).status()).isEqualTo(401);

    assertThat(delete("/api/tasks/" + id(b) + "/dependencies/" + id(a), rep1).status()).isEqualTo(204);
    assertThat(delete("/api/tasks/" + id(b) + "/dependencies/" + id(a), rep1).status()).isEqualTo(404);
    assertThat(post("/api/tasks/" + id(a) + "/dependencies", rep1, Map.of("predecessor_id", id(c))).status()).isEqualTo(201);
  }

  @Test
  void showsTheSubTaskTree() {
    JsonNode root = task("Root", null);
    JsonNode child = task("Child", id(root));
    task("Grandchild", id(child));
    JsonNode tree = get("/api/tasks/" + id(root) + "?include_subtasks=true", rep1).body();
    assertThat(tree.get("subtasks").get(0).get("task_title").asText()).isEqualTo("Child");
    assertThat(tree.get("subtasks").get(0).get("subtasks").get(0).get("task_title").asText()).isEqualTo("Grandchild");
  }

  @Test
  void bulkReportsEveryTasksOutcome() {
    JsonNode first = task("one", null);
    JsonNode second = task("two", null);
    JsonNode parent = task("parent", null);
    task("open child", id(parent));
    String unknown = UUID.randomUUID().toString();

    Response statuses = post("/api/tasks/bulk", rep1, Map.of(
        "action", "status", "status", "completed", "task_ids", List.of(id(first), id(second), id(parent), unknown)));
    assertThat(statuses.status()).isEqualTo(200);
    assertThat(statuses.body().get("succeeded").asInt()).isEqualTo(2);
    assertThat(statuses.body().get("failed").asInt()).isEqualTo(2);
    JsonNode results = statuses.body().get("results");
    assertThat(results.get(2).get("error_code").asText()).isEqualTo("open_subtasks");
    assertThat(results.get(3).get("http_status").asInt()).isEqualTo(404);
    assertThat(get("/api/tasks/" + id(first), rep1).body().get("status").asText()).isEqualTo("completed");

    JsonNode x = task("x", null);
    JsonNode y = task("y", null);
    Response assigned = post("/api/tasks/bulk", rep1, Map.of("action", "assign", "assigned_to_user_id", acme.rep3().id(), "task_ids", List.of(id(x), id(y), id(parent))));
    assertThat(assigned.body().get("succeeded").asInt()).isEqualTo(2); // rep3's capacity is 2
    assertThat(assigned.body().get("results").get(2).get("error_code").asText()).isEqualTo("capacity_exceeded");

    Response repDeletes = post("/api/tasks/bulk", rep1, Map.of("action", "delete", "task_ids", List.of(id(x))));
    assertThat(repDeletes.body().get("results").get(0).get("http_status").asInt()).isEqualTo(403);
    Response deleted = post("/api/tasks/bulk", manager, Map.of("action", "delete", "task_ids", List.of(id(x), id(parent))));
    assertThat(deleted.body().get("succeeded").asInt()).isEqualTo(1);
    assertThat(deleted.body().get("results").get(1).get("error_code").asText()).isEqualTo("active_subtasks");
    assertThat(get("/api/tasks/" + id(x), rep1).status()).isEqualTo(404);
  }

  @Test
  void bulkValidatesItsRequest() {
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(UUID.randomUUID().toString());
    }
    Response r = post("/api/tasks/bulk", rep1, Map.of("action", "delete", "task_ids", tooMany));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("details").get(0).get("field").asText()).isEqualTo("task_ids");
    assertThat(post("/api/tasks/bulk", rep1, Map.of("action", "explode", "task_ids", List.of(UUID.randomUUID()))).body()
        .get("details").get(0).get("field").asText()).isEqualTo("action");
    assertThat(post("/api/tasks/bulk", rep1, Map.of("action", "status", "task_ids", List.of(UUID.randomUUID()))).body()
        .get("error_code").asText()).isEqualTo("status_required");
    assertThat(post("/api/tasks/bulk", null, Map.of("action", "delete", "task_ids", List.of(UUID.randomUUID()))).status()).isEqualTo(401);
    Staff globex = companies.create();
    JsonNode mine = task("mine", null);
    Response foreign = post("/api/tasks/bulk", tokenFor(globex.manager()), Map.of("action", "delete", "task_ids", List.of(id(mine))));
    assertThat(foreign.body().get("results").get(0).get("http_status").asInt()).isEqualTo(404);
  }
}
