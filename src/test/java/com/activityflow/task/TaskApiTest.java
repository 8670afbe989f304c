package com.activityflow.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The task API over HTTP: success, validation, authentication, tenancy and conflicts. */
class TaskApiTest extends IntegrationTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService engineTasks;

  Staff acme;
  String rep1;
  String manager;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
    manager = tokenFor(acme.manager());
  }

  private Map<String, Object> task(String title, String type) {
    Map<String, Object> body = new HashMap<>();
    body.put("task_title", title);
    body.put("task_type", type);
    return body;
  }

  private JsonNode created(String token, Map<String, Object> body) {
    Response r = post("/api/tasks", token, body);
    assertThat(r.status()).as("create: %s", r.body()).isEqualTo(201);
    return r.body();
  }

  private static void assertProblem(Response r, int status, String errorCode, String field) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).anySatisfy(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(r.body().get("error_code").asText()).isEqualTo(errorCode);
    assertThat(r.body().get("message").asText()).isNotBlank();
    if (field != null) {
      assertThat(r.body().get("details")).anySatisfy(d -> assertThat(d.get("field").asText()).isEqualTo(field));
    }
  }

  @Test
  void createsATaskAssignedByTheRules() {
    Map<String, Object> body = task("Call Initech about renewal", "renewal");
    body.put("customer_id", acme.platinumCustomerId().toString());
    body.put("due_date", "2030-01-15T10:00:00Z");
    body.put("priority", "high");
    Response r = post("/api/tasks", rep1, body);

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers().get("location")).containsExactly("/api/tasks/" + r.text("id"));
    // renewal of a platinum customer: key_accounts skill, which only rep2 has
    assertThat(r.text("assigned_to")).isEqualTo(acme.rep2().username());
    assertThat(r.text("assignment_reason")).contains("key_accounts");
    assertThat(r.text("status")).isEqualTo("pending");
    assertThat(r.text("due_date")).isEqualTo("2030-01-15T10:00:00Z");
    assertThat(r.text("created_by_user_id")).isEqualTo(acme.rep1().id().toString());

    Response fetched = get("/api/tasks/" + r.text("id"), rep1);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().get("version").asLong()).isEqualTo(r.body().get("version").asLong());
  }

  @Test
  void refusesMissingRequiredFieldsNamingThem() {
    Response r = post("/api/tasks", rep1, Map.of("task_description", "no title, no type"));
    assertProblem(r, 400, "validation_failed", "task_title");
    assertThat(r.body().get("details")).anySatisfy(d -> assertThat(d.get("field").asText()).isEqualTo("task_type"));
  }

  @Test
  void refusesUnknownValuesFieldsAndBrokenJson() {
    assertProblem(post("/api/tasks", rep1, task("x", "teleport")), 400, "invalid_value", "task_type");
    Map<String, Object> unknown = task("x", "call");
    unknown.put("colour", "red");
    assertProblem(post("/api/tasks", rep1, unknown), 400, "unknown_field", "colour");
    assertProblem(post("/api/tasks", rep1, "{\"task_title\": "), 400, "malformed_request", null);
    Map<String, Object> badDate = task("x", "call");
    badDate.put("due_date", "next tuesday");
    assertProblem(post("/api/tasks", rep1, badDate), 400, "invalid_value", "due_date");
    Map<String, Object> negative = task("x", "call");
    negative.put("estimated_hours", -1);
    assertProblem(post("/api/tasks", rep1, negative), 400, "validation_failed", "estimated_hours");
  }

  @Test
  void refusesADueDateNotAfterTheStart() {
    Map<String, Object> body = task("x", "call");
    body.put("start_date", "2030-01-10T10:00:00Z");
    body.put("due_date", "2030-01-10T09:00:00Z");
    assertProblem(post("/api/tasks", rep1, body), 400, "due_after_start", "due_date");
  }

  @Test
  void refusesASubTaskDueAfterItsParent() {
    Map<String, Object> parent = task("parent", "call");
    parent.put("due_date", "2030-01-10T10:00:00Z");
    String parentId = created(rep1, parent).get("id").asText();
    Map<String, Object> child = task("child", "call");
    child.put("parent_task_id", parentId);
    child.put("due_date", "2030-01-11T10:00:00Z");
    assertProblem(post("/api/tasks", rep1, child), 400, "subtask_due_after_parent", "due_date");
  }

  @Test
  void refusesACompletionPercentageThatContradictsTheStatus() {
    Map<String, Object> body = task("x", "call");
    body.put("status", "pending");
    body.put("completion_percentage", 40);
    assertProblem(post("/api/tasks", rep1, body), 400, "completion_percentage_by_status", "completion_percentage");

    JsonNode t = created(rep1, task("y", "call"));
    Response inProgress =
        put("/api/tasks/" + t.get("id").asText(), rep1, Map.of("version", t.get("version").asLong(), "status", "in_progress"));
    assertThat(inProgress.status()).isEqualTo(200);
    assertThat(inProgress.body().get("completion_percentage").asInt()).isEqualTo(10);
  }

  @Test
  void requiresAValidToken() {
    Response none = get("/api/tasks", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body().get("error_code").asText()).isEqualTo("unauthorized");
    assertThat(get("/api/tasks", "not-a-token").status()).isEqualTo(401);
    assertThat(post("/api/auth/token", null, Map.of("username", acme.rep1().username(), "password", "wrong")).status())
        .isEqualTo(401);
  }

  @Test
  void anotherCompanysTaskDoesNotExist() {
    Staff globex = companies.create();
    String globexManager = tokenFor(globex.manager());
    JsonNode t = created(rep1, task("secret", "call"));
    String path = "/api/tasks/" + t.get("id").asText();

    assertProblem(get(path, globexManager), 404, "not_found", null);
    assertProblem(put(path, globexManager, Map.of("version", 0, "task_title", "mine")), 404, "not_found", null);
    assertProblem(delete(path, globexManager), 404, "not_found", null);
    assertProblem(get(path + "/comments", globexManager), 404, "not_found", null);
    assertProblem(post(path + "/comments", globexManager, Map.of("comment_text", "hi")), 404, "not_found", null);
    assertProblem(post(path + "/assign", globexManager, Map.of("assigned_to_user_id", globex.rep1().id())), 404, "not_found", null);
    assertThat(get("/api/tasks?page_size=200", globexManager).body().get("total_count").asLong()).isZero();
    // nor can a task be assigned to another company's user
    assertProblem(
        post(path + "/assign", manager, Map.of("assigned_to_user_id", globex.rep1().id())), 400, "assignee_unknown", "assigned_to_user_id");
  }

  @Test
  void aStaleVersionIsAConflict() {
    JsonNode t = created(rep1, task("x", "call"));
    String path = "/api/tasks/" + t.get("id").asText();
    long version = t.get("version").asLong();
    assertThat(put(path, rep1, Map.of("version", version, "task_title", "first")).status()).isEqualTo(200);
    assertProblem(put(path, rep1, Map.of("version", version, "task_title", "second")), 409, "version_conflict", "version");
    assertThat(get(path, rep1).text("task_title")).isEqualTo("first");
  }

  @Test
  void completesThroughTheApiAndTheProcessFollows() {
    JsonNode t = created(rep1, task("x", "call"));
    String id = t.get("id").asText();
    Response done = put("/api/tasks/" + id, rep1, Map.of("version", t.get("version").asLong(), "status", "completed", "actual_hours", 1.5));

    assertThat(done.status()).isEqualTo(200);
    assertThat(done.text("status")).isEqualTo("completed");
    assertThat(done.body().get("completion_percentage").asInt()).isEqualTo(100);
    assertThat(done.text("completed_date")).isNotNull();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("task-lifecycle").processInstanceBusinessKey(id).count()).isZero();
    assertProblem(put("/api/tasks/" + id, rep1, Map.of("version", done.body().get("version").asLong(), "task_title", "again")), 409, "task_closed", "status");
  }

  @Test
  void cannotCompleteWithOpenSubTasksOrPendingApproval() {
    JsonNode parent = created(rep1, task("parent", "call"));
    Map<String, Object> child = task("child", "call");
    child.put("parent_task_id", parent.get("id").asText());
    created(rep1, child);
    assertProblem(
        put("/api/tasks/" + parent.get("id").asText(), rep1, Map.of("version", parent.get("version").asLong(), "status", "completed")),
        409,
        "open_subtasks",
        "status");

    JsonNode discount = created(rep1, task("discount", "discount_request"));
    assertThat(discount.get("approval_status").asText()).isEqualTo("pending");
    assertProblem(
        put("/api/tasks/" + discount.get("id").asText(), rep1, Map.of("version", discount.get("version").asLong(), "status", "completed")),
        409,
        "approval_pending",
        "status");
    assertProblem(
        put("/api/tasks/" + discount.get("id").asText(), rep1, Map.of("version", discount.get("version").asLong(), "status", "rejected")),
        400,
        "status_transition",
        "status");
  }

  @Test
  void assignsWithinCapacityOnly() {
    JsonNode t = created(rep1, task("x", "demo"));
    String path = "/api/tasks/" + t.get("id").asText() + "/assign";
    Response assigned = post(path, rep1, Map.of("assigned_to_user_id", acme.rep3().id()));
    assertThat(assigned.status()).isEqualTo(200);
    assertThat(assigned.text("assigned_to")).isEqualTo(acme.rep3().username());
    assertThat(engineTasks.createTaskQuery().processInstanceBusinessKey(t.get("id").asText()).singleResult().getAssignee())
        .isEqualTo(acme.rep3().username());

    // rep3's capacity is 2: one more fits, a third does not
    Map<String, Object> second = task("y", "demo");
    second.put("assigned_to_user_id", acme.rep3().id());
    created(rep1, second);
    Map<String, Object> third = task("z", "demo");
    third.put("assigned_to_user_id", acme.rep3().id());
    assertProblem(post("/api/tasks", rep1, third), 409, "capacity_exceeded", "assigned_to_user_id");
    JsonNode other = created(rep1, task("w", "demo"));
    assertProblem(
        post("/api/tasks/" + other.get("id").asText() + "/assign", rep1, Map.of("assigned_to_user_id", acme.rep3().id())),
        409,
        "capacity_exceeded",
        "assigned_to_user_id");
  }

  @Test
  void commentsAreThreaded() {
    JsonNode t = created(rep1, task("x", "call"));
    String path = "/api/tasks/" + t.get("id").asText() + "/comments";
    Response first = post(path, rep1, Map.of("comment_text", "Customer asked for a callback"));
    assertThat(first.status()).isEqualTo(201);
    Response reply = post(path, manager, Map.of("comment_text", "Call them today", "parent_comment_id", first.text("id")));
    assertThat(reply.status()).isEqualTo(201);
    post(path, manager, Map.of("comment_text", "Pinned note", "is_pinned", true, "comment_type", "note"));

    Response thread = get(path, rep1);
    assertThat(thread.status()).isEqualTo(200);
    assertThat(thread.body()).hasSize(2);
    assertThat(thread.body().get(0).get("comment_text").asText()).isEqualTo("Pinned note");
    assertThat(thread.body().get(1).get("replies").get(0).get("comment_text").asText()).isEqualTo("Call them today");
    assertThat(get("/api/tasks/" + t.get("id").asText() + "?include_comments=true", rep1).body().get("comments")).hasSize(2);

    JsonNode other = created(rep1, task("other", "call"));
    assertProblem(
        post("/api/tasks/" + other.get("id").asText() + "/comments", rep1, Map.of("comment_text", "x", "parent_comment_id", first.text("id"))),
        400,
        "parent_comment_not_found",
        "parent_comment_id");
    assertProblem(post(path, rep1, Map.of("comment_text", " ")), 400, "validation_failed", "comment_text");
  }

  @Test
  void listsWithFiltersSortingAndPaging() {
    Instant base = Instant.parse("2031-03-01T09:00:00Z");
    for (int i = 0; i < 5; i++) {
      Map<String, Object> body = task("listed " + i, i % 2 == 0 ? "call" : "demo");
      body.put("priority", i == 4 ? "urgent" : "normal");
      body.put("due_date", base.plus(i, ChronoUnit.DAYS).toString());
      created(manager, body);
    }
    Response page = get("/api/tasks?page=1&page_size=2&sort=-due_date", manager);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().get("total_count").asLong()).isEqualTo(5);
    assertThat(page.body().get("total_pages").asInt()).isEqualTo(3);
    assertThat(page.body().get("items")).hasSize(2);
    assertThat(page.body().get("items").get(0).get("task_title").asText()).isEqualTo("listed 4");

    assertThat(get("/api/tasks?task_type=demo", manager).body().get("total_count").asLong()).isEqualTo(2);
    assertThat(get("/api/tasks?priority=urgent", manager).body().get("total_count").asLong()).isEqualTo(1);
    assertThat(get("/api/tasks?status=pending&due_from=2031-03-02T00:00:00Z&due_to=2031-03-04T00:00:00Z", manager)
            .body().get("total_count").asLong())
        .isEqualTo(2);
    assertThat(get("/api/tasks?assigned_to_user_id=" + acme.rep3().id(), manager).body().get("total_count").asLong()).isZero();

    assertProblem(get("/api/tasks?page_size=500", manager), 400, "validation_failed", "page_size");
    assertProblem(get("/api/tasks?status=sleeping", manager), 400, "invalid_parameter", "status");
    assertProblem(get("/api/tasks?sort=password", manager), 400, "validation_failed", "sort");
    assertProblem(get("/api/tasks/not-a-uuid", manager), 400, "invalid_parameter", "id");
  }

  @Test
  void repsSeeTheirOwnAndTheirTeamsPublicTasks() {
    Map<String, Object> privateTask = task("private", "email");
    privateTask.put("is_public", false);
    JsonNode mine = created(acme.rep3() == null ? rep1 : tokenFor(acme.rep3()), privateTask);
    // rep3 created it and (email skill) got it; rep1 is in the same team but it is private
    assertThat(get("/api/tasks/" + mine.get("id").asText(), rep1).status()).isEqualTo(404);
    assertThat(get("/api/tasks/" + mine.get("id").asText(), tokenFor(acme.lead())).status()).isEqualTo(200);
    JsonNode teamTask = created(manager, task("public", "email"));
    assertThat(get("/api/tasks/" + teamTask.get("id").asText(), rep1).status()).isEqualTo(200);
  }

  @Test
  void onlyManagersDeleteAndDeletionCancelsTheProcess() {
    JsonNode t = created(rep1, task("x", "call"));
    String path = "/api/tasks/" + t.get("id").asText();
    assertProblem(delete(path, rep1), 403, "forbidden", null);

    assertThat(delete(path + "?version=" + t.get("version").asLong(), manager).status()).isEqualTo(204);
    assertThat(get(path, manager).status()).isEqualTo(404);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("task-lifecycle").processInstanceBusinessKey(t.get("id").asText()).count()).isZero();

    JsonNode parent = created(rep1, task("parent", "call"));
    Map<String, Object> child = task("child", "call");
    child.put("parent_task_id", parent.get("id").asText());
    created(rep1, child);
    assertProblem(delete("/api/tasks/" + parent.get("id").asText(), manager), 409, "active_subtasks", "id");
  }

  @Test
  void servesTheOpenApiDocument() {
    Response docs = get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().get("paths").has("/api/tasks/{id}/assign")).isTrue();
    assertThat(sendRaw("GET", "/swagger-ui/index.html", null, null).status()).isEqualTo(200);
  }

  @Test
  void tokenRequestsAreValidated() {
    assertProblem(post("/api/auth/token", null, Map.of("username", "", "password", "x")), 400, "validation_failed", "username");
    assertProblem(post("/api/auth/token", null, "[]"), 400, "malformed_request", null);
  }
}
