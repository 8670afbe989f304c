package com.activityflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail records changes with who, what, old → new, request id and IP, and cannot be rewritten. */
class AuditTrailTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void recordsTaskChangesWithActorRequestIdAndAddress() {
    Staff acme = companies.create();
    String rep1 = tokenFor(acme.rep1());
    JsonNode task = post("/api/tasks", rep1, Map.of("task_title", "Audited", "task_type", "demo")).body();
    String id = task.get("id").asText();
    Response changed = sendWithRequestId("PUT", "/api/tasks/" + id, rep1, Map.of("version", task.get("version").asLong(), "priority", "urgent"), "req-audit-42");
    assertThat(changed.headers().get("x-request-id")).containsExactly("req-audit-42");
    assertThat(delete("/api/tasks/" + id, tokenFor(acme.manager())).status()).isEqualTo(204);

    String admin = tokenFor(acme.admin());
    JsonNode entries = get("/api/admin/audit?entity_type=task&entity_id=" + id, admin).body();
    assertThat(entries).extracting(e -> e.get("action").asText()).contains("create", "assign", "update", "delete");
    JsonNode update = null;
    for (JsonNode e : entries) {
      if (e.get("action").asText().equals("update")) {
        update = e;
      }
    }
    assertThat(update.get("actor_username").asText()).isEqualTo(acme.rep1().username());
    assertThat(update.get("request_id").asText()).isEqualTo("req-audit-42");
    assertThat(update.get("ip").asText()).isNotBlank();
    assertThat(update.get("changes").get(0).get("field").asText()).isEqualTo("priority");
    assertThat(update.get("changes").get(0).get("old_value").asText()).isEqualTo("normal");
    assertThat(update.get("changes").get(0).get("new_value").asText()).isEqualTo("urgent");

    Response csv = get("/api/admin/audit/export?entity_id=" + id, admin);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body().asText()).startsWith("occurred_at,actor,action").contains("\"priority\",\"normal\",\"urgent\"");
  }

  @Test
  void recordsConfigurationAndCollaborationChangesOfEveryKind() {
    Staff acme = companies.create();
    String manager = tokenFor(acme.manager());
    String rep1 = tokenFor(acme.rep1());
    String lead = tokenFor(acme.lead());

    String hook = post("/api/webhooks", manager, Map.of("url", "https://crm.example.com/hooks/audit", "event_types",
        java.util.List.of("task.created"))).text("id");
    put("/api/webhooks/" + hook, manager, Map.of("active", false));
    delete("/api/webhooks/" + hook, manager);

    JsonNode created = post("/api/task-series", rep1, Map.of("task_title", "Weekly", "task_type", "follow_up",
        "rrule", "FREQ=WEEKLY;BYDAY=MO", "dtstart", "2031-01-06T09:00:00", "time_zone", "Europe/Berlin")).body();
    String series = created.get("id").asText();
    Response edited = put("/api/task-series/" + series, rep1, Map.of("version", created.get("version").asLong(), "rrule", "FREQ=WEEKLY;BYDAY=FR"));
    assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
    assertThat(post("/api/task-series/" + series + "/stop", rep1, null).status()).isEqualTo(200);

    post("/api/calendar-feed", rep1, null);
    post("/api/calendar-feed", rep1, null);
    delete("/api/calendar-feed", rep1);

    String task = post("/api/tasks", rep1, Map.of("task_title", "Collaboration", "task_type", "call")).text("id");
    String predecessor = post("/api/tasks", rep1, Map.of("task_title", "First", "task_type", "call")).text("id");
    post("/api/tasks/" + task + "/comments", rep1, Map.of("comment_text", "noted"));
    post("/api/tasks/" + task + "/watchers", lead, Map.of("user_id", acme.rep3().id()));
    delete("/api/tasks/" + task + "/watchers/" + acme.rep3().id(), lead);
    post("/api/tasks/" + task + "/dependencies", rep1, Map.of("predecessor_id", predecessor));
    delete("/api/tasks/" + task + "/dependencies/" + predecessor, rep1);

    String admin = tokenFor(acme.admin());
    JsonNode hookEntries = get("/api/admin/audit?entity_type=webhook&entity_id=" + hook, admin).body();
    assertThat(hookEntries).extracting(e -> e.get("action").asText()).containsExactlyInAnyOrder("create", "update", "delete");
    assertThat(hookEntries.toString()).doesNotContain("whsec_");
    assertThat(get("/api/admin/audit?entity_type=task_series&entity_id=" + series, admin).body())
        .extracting(e -> e.get("action").asText()).containsExactlyInAnyOrder("create", "update", "transition");
    JsonNode feed = get("/api/admin/audit?entity_type=calendar_feed&entity_id=" + acme.rep1().id(), admin).body();
    assertThat(feed).extracting(e -> e.get("action").asText()).containsExactlyInAnyOrder("create", "update", "delete");
    String taskTrail = get("/api/admin/audit?entity_type=task&entity_id=" + task, admin).body().toString();
    assertThat(taskTrail).contains("comment_added", "watcher_added", "watcher_removed", "predecessor_added", "predecessor_removed");
  }

  @Test
  void recordsFailedLogins() {
    Staff acme = companies.create();
    assertThat(post("/api/auth/token", null, Map.of("username", acme.rep2().username(), "password", "guess")).status()).isEqualTo(401);
    assertThat(engineRest("GET", "/task?maxResults=1", acme.rep3().username(), "guess", null).status()).isEqualTo(401);
    JsonNode failures = get("/api/admin/audit?action=login_failed", tokenFor(acme.admin())).body();
    assertThat(failures).extracting(e -> e.get("entity_id").asText()).contains(acme.rep2().username(), acme.rep3().username());
  }

  @Test
  void theTrailIsAppendOnlyEvenForTheApplicationsDatabaseUser() {
    Staff acme = companies.create();
    post("/api/tasks", tokenFor(acme.rep1()), Map.of("task_title", "x", "task_type", "demo"));
    assertThatThrownBy(() -> jdbc.update("update audit_log set actor_username = 'someone else'"))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from audit_log")).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.execute("truncate audit_log")).hasMessageContaining("append-only");
  }

  @Test
  void onlyAdminsReadOnlyTheirCompanysTrail() {
    Staff acme = companies.create();
    Staff globex = companies.create();
    post("/api/tasks", tokenFor(acme.rep1()), Map.of("task_title", "acme only", "task_type", "demo"));
    assertThat(get("/api/admin/audit", tokenFor(acme.manager())).status()).isEqualTo(403);
    assertThat(get("/api/admin/audit", null).status()).isEqualTo(401);
    assertThat(get("/api/admin/audit", tokenFor(globex.admin())).body()).isEmpty();
    assertThat(get("/api/admin/audit?page_size=5000", tokenFor(acme.admin())).status()).isEqualTo(400);
    assertThat(AuditController.cell("=cmd|' /C calc'!A0")).isEqualTo("\"'=cmd|' /C calc'!A0\"");
  }

  private Response sendWithRequestId(String method, String path, String token, Object body, String requestId) {
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
              .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .header("X-Request-Id", requestId).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), json.readTree(r.body()), r.headers().map());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
