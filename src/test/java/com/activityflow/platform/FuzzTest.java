package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input never gets a 500: every JSON endpoint receives malformed JSON, wrong types, huge,
 * empty and unicode values, SQL and script payloads, unknown fields and wrong shapes; every
 * answer must be a 2xx or 4xx, and nothing a refused request sent may be stored half.
 */
class FuzzTest extends IntegrationTest {

  private static final String HUGE = "x".repeat(300_000);
  private static final List<String> BODIES = List.of(
      "{", "[]", "null", "\"text\"", "42", "{\"a\":}", "{}", "{\"task_title\": null}",
      "{\"task_title\": 12, \"task_type\": [\"call\"]}",
      "{\"task_title\": \"" + HUGE + "\", \"task_type\": \"call\"}",
      "{\"task_title\": \"'; drop table tasks; --\", \"task_type\": \"call\", \"version\": \"1 or 1=1\"}",
      "{\"task_title\": \"<script>alert(1)</script>\", \"task_type\": \"<img src=x onerror=alert(1)>\"}",
      "{\"task_title\": \"\u0000\u202e\ud83d\ude00 Ünïcödé\", \"task_type\": \"call\", \"due_date\": \"2030-02-30T25:61:00Z\"}",
      "{\"version\": -1, \"status\": \"../../etc/passwd\", \"priority\": {\"nested\": true}}",
      "{\"assigned_to_user_id\": \"not-a-uuid\", \"estimated_hours\": 1e309, \"completion_percentage\": 99999999999}",
      "{\"tags\": [null, \"\", \"" + "t".repeat(5000) + "\"], \"task_ids\": \"all\", \"action\": null}",
      "{\"predecessor_id\": \"" + UUID.randomUUID() + "\", \"comment_text\": \"@" + "a".repeat(20000) + "\"}",
      "{\"template_code\": \"../x\", \"template_values\": {\"a\": [1,2]}, \"rrule\": \"FREQ=NEVER\", \"time_zone\": \"Mars/Olympus\"}",
      "{\"url\": \"javascript:alert(1)\", \"event_types\": [\"task.created\"]}",
      "{\"task_title\": \"nul \\u0000 inside\", \"task_type\": \"call\", \"comment_text\": \"\\u0000\", \"tags\": [\"a\\u0000\"]}");

  @Test
  void noEndpointAnswersBadInputWithAServerError() {
    Staff acme = companies.create();
    String manager = tokenFor(acme.manager());
    JsonNode task = post("/api/tasks", manager, Map.of("task_title", "fuzz target", "task_type", "call")).body();
    String t = "/api/tasks/" + task.get("id").asText();
    long tasksBefore = get("/api/tasks?page_size=200", manager).body().get("total_count").asLong();

    List<String[]> endpoints = List.of(
        new String[] {"POST", "/api/tasks"},
        new String[] {"PUT", t},
        new String[] {"POST", t + "/assign"},
        new String[] {"POST", t + "/comments"},
        new String[] {"PUT", t + "/tags"},
        new String[] {"POST", t + "/watchers"},
        new String[] {"POST", t + "/dependencies"},
        new String[] {"POST", "/api/tasks/bulk"},
        new String[] {"POST", "/api/task-templates"},
        new String[] {"PUT", "/api/task-statuses/pending"},
        new String[] {"POST", "/api/task-series"},
        new String[] {"POST", "/api/webhooks"},
        new String[] {"POST", "/api/notifications/read-all"},
        new String[] {"POST", "/api/auth/token"},
        new String[] {"POST", "/api/contacts/" + UUID.randomUUID() + "/erase"},
        new String[] {"POST", "/api/admin/retention/run?dry_run=maybe"});
    List<String> serverErrors = new ArrayList<>();
    for (String[] endpoint : endpoints) {
      for (String body : BODIES) {
        Response r = sendRaw(endpoint[0], endpoint[1], "Bearer " + manager, body);
        if (r.status() >= 500) {
          serverErrors.add(endpoint[0] + " " + endpoint[1] + " <- " + body.substring(0, Math.min(80, body.length())) + " => " + r.status() + " " + r.body());
        }
      }
    }
    for (String path : List.of(
        "/api/tasks?page=-1", "/api/tasks?page_size=abc", "/api/tasks?due_from=yesterday", "/api/tasks?q=%00%27%22",
        "/api/tasks?sort=;drop", "/api/tasks/%2e%2e%2f%2e%2e", t + "/attachments/not-a-uuid/content",
        "/api/task-templates?task_type=%3Cscript%3E", "/api/admin/audit?from=never", "/api/task-series?page=0",
        "/api/notifications?page_size=-5", "/api/tasks?tag=" + "x".repeat(500))) {
      Response r = get(path, manager);
      if (r.status() >= 500) {
        serverErrors.add("GET " + path + " => " + r.status() + " " + r.body());
      }
    }
    assertThat(serverErrors).isEmpty();
    Response tooLarge = post("/api/tasks", manager, "{\"task_title\": \"" + "y".repeat(2 * 1024 * 1024) + "\"}");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body().get("error_code").asText()).isEqualTo("payload_too_large");
    assertThat(get("/api/tasks?page_size=200", tokenFor(acme.lead())).body().get("total_count").asLong())
        .as("no refused request stored a task")
        .isBetween(tasksBefore, tasksBefore + 10);
    Response safe = post("/api/tasks", tokenFor(acme.admin()), Map.of("task_title", "<script>alert(1)</script>", "task_type", "call"));
    assertThat(safe.headers().get("content-type")).anySatisfy(v -> assertThat(v).startsWith("application/json"));
  }
}
