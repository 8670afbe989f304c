package com.activityflow.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rest of the task API (T7): change history, tags, watchers, full-text search, attachments. */
class TaskDetailsApiTest extends IntegrationTest {

  Staff acme;
  String rep1;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
  }

  private JsonNode task(String title, String description) {
    Response r = post("/api/tasks", rep1, Map.of("task_title", title, "task_description", description, "task_type", "demo"));
    assertThat(r.status()).isEqualTo(201);
    return r.body();
  }

  private static String id(JsonNode t) {
    return t.get("id").asText();
  }

  @Test
  void everyTaskDetailEndpointNeedsATokenAndHidesOtherCompanies() {
    JsonNode t = task("Guarded", "x");
    String other = tokenFor(companies.create().manager());
    String base = "/api/tasks/" + id(t);
    List<String[]> endpoints = List.of(
        new String[] {"GET", base + "/history"},
        new String[] {"PUT", base + "/tags"},
        new String[] {"GET", base + "/watchers"},
        new String[] {"POST", base + "/watchers"},
        new String[] {"GET", base + "/attachments"},
        new String[] {"GET", base + "/dependencies"},
        new String[] {"GET", "/api/task-templates"},
        new String[] {"GET", "/api/task-statuses"});
    for (String[] e : endpoints) {
      Object body = e[0].equals("PUT") ? Map.of("tags", List.of("x")) : e[0].equals("POST") ? Map.of() : null;
      assertThat(send(e[0], e[1], null, body).status()).as("%s %s without token", e[0], e[1]).isEqualTo(401);
      if (e[1].startsWith(base)) {
        assertThat(send(e[0], e[1], other, body).status()).as("%s %s by another company", e[0], e[1]).isEqualTo(404);
      }
    }
  }

  @Test
  void recordsWhoChangedWhichFieldFromWhatToWhat() {
    JsonNode t = task("Quarterly review", "first draft");
    put("/api/tasks/" + id(t), rep1, Map.of("version", t.get("version").asLong(), "priority", "high", "task_title", "Quarterly business review"));
    List<JsonNode> changes = new java.util.ArrayList<>();
    get("/api/tasks/" + id(t) + "/history", rep1).body().forEach(changes::add);
    assertThat(changes).anySatisfy(c -> assertThat(c.get("field").asText()).isEqualTo("created"));
    assertThat(changes).anySatisfy(c -> {
      assertThat(c.get("field").asText()).isEqualTo("assigned_to_user_id");
      assertThat(c.get("changed_by").isNull()).as("assigned by the rules").isTrue();
    });
    assertThat(changes).anySatisfy(c -> {
      assertThat(c.get("field").asText()).isEqualTo("priority");
      assertThat(c.get("old_value").asText()).isEqualTo("normal");
      assertThat(c.get("new_value").asText()).isEqualTo("high");
      assertThat(c.get("changed_by_username").asText()).isEqualTo(acme.rep1().username());
    });
    assertThat(changes).anySatisfy(c -> assertThat(c.get("new_value").asText()).isEqualTo("Quarterly business review"));
    assertThat(get("/api/tasks/" + id(t) + "/history", tokenFor(companies.create().manager())).status()).isEqualTo(404);
  }

  @Test
  void tagsAreNormalisedFilterableAndValidated() {
    JsonNode t = task("Tagged", "x");
    Response tagged = put("/api/tasks/" + id(t) + "/tags", rep1, Map.of("tags", List.of(" VIP ", "renewal", "vip")));
    assertThat(tagged.status()).isEqualTo(200);
    assertThat(tagged.body().get("tags").toString()).isEqualTo("[\"vip\",\"renewal\"]");
    task("Untagged", "x");
    JsonNode list = get("/api/tasks?tag=VIP", rep1).body();
    assertThat(list.get("total_count").asLong()).isEqualTo(1);
    assertThat(list.get("items").get(0).get("tags").toString()).contains("vip", "renewal");
    Response bad = put("/api/tasks/" + id(t) + "/tags", rep1, Map.of("tags", List.of("<script>")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("details").get(0).get("field").asText()).isEqualTo("tags");
  }

  @Test
  void watchersAddThemselvesLeadsAddOthers() {
    JsonNode t = task("Watched", "x");
    assertThat(post("/api/tasks/" + id(t) + "/watchers", rep1, null).body().get(0).get("username").asText()).isEqualTo(acme.rep1().username());
    assertThat(post("/api/tasks/" + id(t) + "/watchers", rep1, Map.of("user_id", acme.rep2().id())).status()).isEqualTo(403);
    assertThat(post("/api/tasks/" + id(t) + "/watchers", tokenFor(acme.manager()), Map.of("user_id", acme.rep2().id())).body()).hasSize(2);
    Staff globex = companies.create();
    Response foreign = post("/api/tasks/" + id(t) + "/watchers", tokenFor(acme.manager()), Map.of("user_id", globex.rep1().id()));
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(get("/api/tasks/" + id(t), rep1).body().get("watchers")).hasSize(2);
    assertThat(delete("/api/tasks/" + id(t) + "/watchers/" + acme.rep1().id(), rep1).status()).isEqualTo(204);
    assertThat(get("/api/tasks/" + id(t) + "/watchers", rep1).body()).hasSize(1);
  }

  @Test
  void searchesTitlesDescriptionsAndComments() {
    JsonNode byTitle = task("Invoice dispute Initech", "x");
    JsonNode byDescription = task("Call", "customer mentions an invoice problem");
    JsonNode byComment = task("Follow up", "nothing here");
    post("/api/tasks/" + id(byComment) + "/comments", rep1, Map.of("comment_text", "They asked about the invoice again"));
    task("Unrelated", "meeting notes");

    JsonNode found = get("/api/tasks?q=invoice", rep1).body();
    assertThat(found.get("total_count").asLong()).isEqualTo(3);
    assertThat(get("/api/tasks?q=invoice%20dispute", rep1).body().get("total_count").asLong()).isEqualTo(1);
    assertThat(get("/api/tasks?q=%27%3B%20drop%20table%20tasks", rep1).status()).isEqualTo(200);
    assertThat(get("/api/tasks?q=invoice", tokenFor(companies.create().manager())).body().get("total_count").asLong()).isZero();
    assertThat(byTitle).isNotNull();
    assertThat(byDescription).isNotNull();
  }

  @Test
  void storesAttachmentsWithTheTypeFoundInTheirContent() throws Exception {
    JsonNode t = task("With files", "x");
    byte[] pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    HttpResponse<String> uploaded = upload(id(t), "../../etc/holiday-photo.png", "image/png", pdf);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    JsonNode attachment = json.readTree(uploaded.body());
    assertThat(attachment.get("content_type").asText()).as("detected, not trusted").isEqualTo("application/pdf");
    assertThat(attachment.get("file_name").asText()).isEqualTo("holiday-photo.png");

    byte[] elf = new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
    HttpResponse<String> refused = upload(id(t), "report.pdf", "application/pdf", elf);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("file_type_refused");

    JsonNode detail = get("/api/tasks/" + id(t) + "?include_attachments=true", rep1).body();
    assertThat(detail.get("attachments")).hasSize(1);
    HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks/" + id(t) + "/attachments/" + attachment.get("id").asText() + "/content"))
            .header("Authorization", "Bearer " + rep1).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(pdf);
    assertThat(download.headers().firstValue("content-disposition").orElse("")).startsWith("attachment");
    assertThat(download.headers().firstValue("x-content-type-options")).contains("nosniff");

    assertThat(get("/api/tasks/" + id(t) + "/attachments", tokenFor(companies.create().manager())).status()).isEqualTo(404);
    assertThat(delete("/api/tasks/" + id(t) + "/attachments/" + attachment.get("id").asText(), rep1).status()).isEqualTo(204);
    assertThat(get("/api/tasks/" + id(t) + "/attachments", rep1).body()).isEmpty();
    assertThat(upload(id(t), "empty.txt", "text/plain", new byte[0]).statusCode()).isEqualTo(400);
  }

  @Test
  void refusesTooLargeFilesWithAProblemDetail() throws Exception {
    JsonNode t = task("Big files", "x");
    HttpResponse<String> overConfigured = upload(id(t), "big.txt", "text/plain", new byte[2 * 1024 * 1024]);
    assertThat(overConfigured.statusCode()).isEqualTo(400);
    assertThat(overConfigured.body()).contains("file_too_large");
    HttpResponse<String> overServlet = upload(id(t), "huge.bin", "application/octet-stream", new byte[11 * 1024 * 1024]);
    assertThat(overServlet.statusCode()).isEqualTo(413);
    assertThat(overServlet.body()).contains("error_code");
    assertThat(get("/api/tasks/" + id(t) + "/attachments", rep1).body()).isEmpty();
  }

  private HttpResponse<String> upload(String taskId, String fileName, String claimedType, byte[] bytes) throws IOException, InterruptedException {
    String boundary = "----af" + System.nanoTime();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + claimedType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bytes, 0, body, head.length, bytes.length);
    System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks/" + taskId + "/attachments"))
            .header("Authorization", "Bearer " + rep1)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
