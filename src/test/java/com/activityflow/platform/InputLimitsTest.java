package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every text field of every request body has a length limit that answers 400 naming the field,
 * before anything reaches the database (no column error, no 500, nothing stored): each field
 * gets a value far above any limit (below the 1 MB body limit) in an otherwise valid request.
 */
class InputLimitsTest extends IntegrationTest {

  private static final String HUGE = "x".repeat(300_000);

  /** One text field of one endpoint, in an otherwise valid body. */
  record Field(String method, String path, Map<String, Object> validBody, String field) {}

  @Test
  void everyTextFieldIsLimitedWithABadRequestNamingIt() {
    Staff acme = companies.create();
    String admin = tokenFor(acme.admin());
    String task = post("/api/tasks", admin, Map.of("task_title", "limits", "task_type", "call")).text("id");
    long version = get("/api/tasks/" + task, admin).body().get("version").asLong();
    Map<String, Object> series = Map.of("task_title", "Weekly", "task_type", "follow_up", "rrule", "FREQ=WEEKLY;BYDAY=MO",
        "dtstart", "2031-01-06T09:00:00", "time_zone", "Europe/Berlin");
    String seriesId = post("/api/task-series", admin, series).text("id");
    Map<String, Object> webhook = Map.of("url", "https://crm.example.com/hooks/limits", "event_types", List.of("task.created"));
    String webhookId = post("/api/webhooks", admin, webhook).text("id");
    Map<String, Object> template = Map.of("template_name", "Limits", "template_code", "LIM1", "task_type", "call",
        "title_template", "Limits call");
    long statusVersion = StreamSupport.stream(get("/api/task-statuses", admin).body().spliterator(), false)
        .filter(s -> s.get("status_code").asText().equals("pending")).findFirst().orElseThrow().get("version").asLong();

    List<Field> fields = new ArrayList<>();
    for (String f : List.of("task_title", "task_description", "template_code")) {
      fields.add(new Field("POST", "/api/tasks", Map.of("task_title", "t", "task_type", "call"), f));
    }
    fields.add(new Field("POST", "/api/tasks", Map.of("task_title", "t", "task_type", "call"), "template_values"));
    for (String f : List.of("task_title", "task_description", "status_comment")) {
      fields.add(new Field("PUT", "/api/tasks/" + task, Map.of("version", version), f));
    }
    fields.add(new Field("POST", "/api/tasks/" + task + "/comments", Map.of(), "comment_text"));
    fields.add(new Field("PUT", "/api/tasks/" + task + "/tags", Map.of(), "tags"));
    fields.add(new Field("POST", "/api/tasks/bulk", Map.of("action", "status", "status", "in_progress", "task_ids", List.of(task)),
        "status_comment"));
    for (String f : List.of("status_name", "description", "color", "icon")) {
      fields.add(new Field("PUT", "/api/task-statuses/pending", Map.of("version", statusVersion), f));
    }
    for (String f : List.of("template_name", "template_code", "description", "title_template", "description_template",
        "default_assignee_role")) {
      fields.add(new Field("POST", "/api/task-templates", template, f));
    }
    for (String f : List.of("task_title", "task_description", "rrule", "time_zone")) {
      fields.add(new Field("POST", "/api/task-series", series, f));
      fields.add(new Field("PUT", "/api/task-series/" + seriesId, Map.of("version", 0), f));
    }
    fields.add(new Field("POST", "/api/webhooks", webhook, "url"));
    fields.add(new Field("POST", "/api/webhooks", webhook, "event_types"));
    fields.add(new Field("PUT", "/api/webhooks/" + webhookId, Map.of(), "url"));
    fields.add(new Field("POST", "/api/auth/token", Map.of("username", acme.rep1().username(), "password", "x"), "username"));
    fields.add(new Field("POST", "/api/auth/token", Map.of("username", acme.rep1().username(), "password", "x"), "password"));

    List<String> problems = new ArrayList<>();
    for (Field f : fields) {
      Map<String, Object> body = new HashMap<>(f.validBody());
      body.put(f.field(), switch (f.field()) {
        case "tags", "event_types" -> List.of(HUGE);
        case "template_values" -> Map.of("product", HUGE);
        default -> HUGE;
      });
      Response r = send(f.method(), f.path(), f.path().equals("/api/auth/token") ? null : admin, body);
      boolean named = r.status() == 400
          && r.body().has("details")
          && StreamSupport.stream(r.body().get("details").spliterator(), false)
              .anyMatch(d -> d.get("field").asText().startsWith(f.field()));
      if (!named) {
        String text = String.valueOf(r.body());
        problems.add(f.method() + " " + f.path() + " " + f.field() + ": " + r.status() + " "
            + text.substring(0, Math.min(200, text.length())));
      }
    }
    assertThat(problems).isEmpty();
    assertThat(get("/api/tasks?page_size=200", admin).body().get("total_count").asLong()).as("nothing stored").isEqualTo(1);
  }
}
