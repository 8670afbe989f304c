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
