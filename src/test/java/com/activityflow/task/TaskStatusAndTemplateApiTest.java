package com.activityflow.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configurable statuses (T3) and templates (T2) through the API. */
class TaskStatusAndTemplateApiTest extends IntegrationTest {

  Staff acme;
  String rep1;
  String manager;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
    manager = tokenFor(acme.manager());
  }

  private static void assertProblem(Response r, int status, String errorCode, String field) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    assertThat(r.body().get("error_code").asText()).isEqualTo(errorCode);
    if (field != null) {
      assertThat(r.body().get("details")).anySatisfy(d -> assertThat(d.get("field").asText()).isEqualTo(field));
    }
  }

  private JsonNode status(String code) {
    for (JsonNode s : get("/api/task-statuses", rep1).body()) {
      if (s.get("status_code").asText().equals(code)) {
        return s;
      }
    }
    throw new AssertionError(code);
  }

  private JsonNode newTask() {
    Response r = post("/api/tasks", rep1, Map.of("task_title", "t", "task_type", "call"));
    assertThat(r.status()).isEqualTo(201);
    return r.body();
  }

  @Test
  void concurrentFirstTasksOfACompanyAllSucceed() throws Exception {
    // the company's statuses are created on first use: parallel first requests must not clash
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> post("/api/tasks", rep1, Map.of("task_title", "parallel", "task_type", "call"))));
      }
      for (java.util.concurrent.Future<Response> answer : answers) {
        assertThat(answer.get().status()).as("%s", answer.get().body()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(get("/api/task-statuses", rep1).body()).hasSize(6);
  }

  @Test
  void listsTheCompanysStatusesWithTheirRules() {
    Response r = get("/api/task-statuses", rep1);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).hasSize(6);
    assertThat(status("pending").get("is_default").asBoolean()).isTrue();
    assertThat(status("completed").get("is_terminal").asBoolean()).isTrue();
    assertThat(get("/api/task-statuses?status_type=closed", rep1).body()).hasSize(3);
    assertThat(get("/api/task-statuses", null).status()).isEqualTo(401);
  }

  @Test
  void refusesATransitionTheCompanyDoesNotAllowNamingTheAllowedOnes() {
    JsonNode task = newTask();
    JsonNode onHold = put("/api/tasks/" + task.get("id").asText(), rep1,
        Map.of("version", task.get("version").asLong(), "status", "on_hold", "status_comment", "waiting for the customer")).body();
    assertThat(onHold.get("status").asText()).isEqualTo("on_hold");
    Response r = put("/api/tasks/" + task.get("id").asText(), rep1, Map.of("version", onHold.get("version").asLong(), "status", "completed"));
    assertProblem(r, 409, "status_transition", "status");
    assertThat(r.body().get("message").asText()).contains("allowed: pending, in_progress, cancelled");
    JsonNode comments = get("/api/tasks/" + task.get("id").asText() + "/comments", rep1).body();
    assertThat(comments.get(0).get("comment_type").asText()).isEqualTo("status_change");
    assertThat(comments.get(0).get("comment_text").asText()).contains("waiting for the customer");
  }

  @Test
  void aStatusThatRequiresACommentRefusesAChangeWithoutOne() {
    JsonNode task = newTask();
    assertProblem(
        put("/api/tasks/" + task.get("id").asText(), rep1, Map.of("version", task.get("version").asLong(), "status", "on_hold")),
        400, "status_comment_required", "status_comment");
  }

  @Test
  void managersConfigureStatusesAndTheRulesFollow() {
    JsonNode inProgress = status("in_progress");
    Map<String, Object> change = new HashMap<>();
    change.put("version", inProgress.get("version").asLong());
    change.put("auto_complete_percentage", 25);
    change.put("color", "#00ff00");
    assertProblem(put("/api/task-statuses/in_progress", rep1, change), 403, "forbidden", null);
    Response changed = put("/api/task-statuses/in_progress", manager, change);
    assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
    assertThat(changed.body().get("auto_complete_percentage").asInt()).isEqualTo(25);

    JsonNode task = newTask();
    JsonNode started = put("/api/tasks/" + task.get("id").asText(), rep1, Map.of("version", task.get("version").asLong(), "status", "in_progress")).body();
    assertThat(started.get("completion_percentage").asInt()).isEqualTo(25);

    JsonNode onHold = status("on_hold");
    assertThat(put("/api/task-statuses/on_hold", manager, Map.of("version", onHold.get("version").asLong(), "is_active", false)).status()).isEqualTo(200);
    assertProblem(
        put("/api/tasks/" + task.get("id").asText(), rep1, Map.of("version", started.get("version").asLong(), "status", "on_hold", "status_comment", "x")),
        400, "status_inactive", "status");

    assertProblem(put("/api/task-statuses/pending", manager, Map.of("version", status("pending").get("version").asLong(), "auto_complete_percentage", 50)),
        400, "completion_percentage_by_status", "auto_complete_percentage");
    assertProblem(put("/api/task-statuses/completed", manager, Map.of("version", status("completed").get("version").asLong(), "is_active", false)),
        409, "status_required", "is_active");
    assertProblem(put("/api/task-statuses/pending", manager, Map.of("version", 999, "color", "#000000")), 409, "version_conflict", "version");
    assertProblem(put("/api/task-statuses/pending", manager, Map.of("version", 0, "color", "green")), 400, "validation_failed", "color");

    // another company's statuses are untouched
    Staff globex = companies.create();
    String globexRep = tokenFor(globex.rep1());
    JsonNode theirs = null;
    for (JsonNode s : get("/api/task-statuses", globexRep).body()) {
      if (s.get("status_code").asText().equals("in_progress")) {
        theirs = s;
      }
    }
    assertThat(theirs.get("auto_complete_percentage").isNull()).isTrue();
  }

  @Test
  void createsATaskFromATemplateWithPlaceholders() {
    Map<String, Object> template = new HashMap<>();
    template.put("template_name", "Renewal call");
    template.put("template_code", "RENEWAL-CALL");
    template.put("task_type", "call");
    template.put("category", "sales");
    template.put("default_priority", "high");
    template.put("title_template", "Renewal call with {{customer_name}} about {{product}}");
    template.put("description_template", "Call before {{due_date}}. Prepared by {{creator_name}}.");
    template.put("default_estimated_hours", 2);
    template.put("default_due_date_offset", 7);
    assertProblem(post("/api/task-templates", rep1, template), 403, "forbidden", null);
    Response created = post("/api/task-templates", tokenFor(acme.lead()), template);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.body().get("placeholders").toString()).contains("customer_name", "product", "due_date", "creator_name");
    assertProblem(post("/api/task-templates", manager, template), 409, "template_code_taken", "template_code");

    Response task = post("/api/tasks", rep1, Map.of(
        "template_code", "RENEWAL-CALL",
        "customer_id", acme.platinumCustomerId().toString(),
        "template_values", Map.of("product", "Premium support")));
    assertThat(task.status()).as("%s", task.body()).isEqualTo(201);
    assertThat(task.text("task_title")).isEqualTo("Renewal call with Platinum Inc about Premium support");
    Instant due = Instant.parse(task.text("due_date"));
    assertThat(due).isBetween(Instant.now().plus(6, ChronoUnit.DAYS), Instant.now().plus(8, ChronoUnit.DAYS));
    assertThat(task.text("task_description")).contains("Call before " + due.toString().substring(0, 10)).contains("Rep1 " + acme.code());
    assertThat(task.text("priority")).isEqualTo("high");
    assertThat(task.text("category")).isEqualTo("sales");
    assertThat(task.body().get("estimated_hours").asDouble()).isEqualTo(2.0);

    Response missing = post("/api/tasks", rep1, Map.of("template_code", "RENEWAL-CALL"));
    assertProblem(missing, 400, "validation_failed", "template_values.product");
    assertThat(missing.body().get("details")).anySatisfy(d -> assertThat(d.get("field").asText()).isEqualTo("template_values.customer_name"));
    assertProblem(post("/api/tasks", rep1, Map.of("template_code", "NOPE")), 400, "template_unknown", "template_code");
  }

  @Test
  void templatesAreEditedWithVersionsDeactivatedAndCompanyScoped() {
    Response created = post("/api/task-templates", manager, Map.of(
        "template_name", "Follow up", "template_code", "FU", "task_type", "follow_up", "title_template", "Follow up",
        "auto_assignment", false, "default_assignee_role", "team_lead"));
    String id = created.text("id");
    JsonNode updated = put("/api/task-templates/" + id, manager, Map.of("version", created.body().get("version").asLong(), "title_template", "Follow up {{topic}}")).body();
    assertThat(updated.get("title_template").asText()).isEqualTo("Follow up {{topic}}");
    assertProblem(put("/api/task-templates/" + id, manager, Map.of("version", 0, "title_template", "x")), 409, "version_conflict", "version");
    assertProblem(post("/api/task-templates", manager, Map.of("template_name", "x")), 400, "validation_failed", "template_code");
    assertProblem(post("/api/task-templates", manager, Map.of("template_name", "x", "template_code", "BAD CODE!", "task_type", "call", "title_template", "x")),
        400, "validation_failed", "template_code");

    Response fromTemplate = post("/api/tasks", rep1, Map.of("template_code", "FU", "template_values", Map.of("topic", "pricing")));
    assertThat(fromTemplate.text("assigned_to")).isEqualTo(acme.lead().username());

    Staff globex = companies.create();
    assertThat(get("/api/task-templates/" + id, tokenFor(globex.manager())).status()).isEqualTo(404);
    assertThat(get("/api/task-templates", tokenFor(globex.manager())).body()).isEmpty();

    assertThat(delete("/api/task-templates/" + id, manager).status()).isEqualTo(204);
    assertThat(get("/api/task-templates?is_active=true", rep1).body()).isEmpty();
    assertProblem(post("/api/tasks", rep1, Map.of("template_code", "FU", "template_values", Map.of("topic", "x"))), 400, "template_unknown", "template_code");
    assertThat(List.of(get("/api/task-templates?task_type=follow_up", rep1).body().size())).containsExactly(1);
  }
}
