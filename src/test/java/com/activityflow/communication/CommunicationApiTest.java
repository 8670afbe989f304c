package com.activityflow.communication;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The communication log API (C1, C2, C8): rules, change tracking, assignment, roles, tenancy, events. */
class CommunicationApiTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;

  Staff acme;
  String rep1;
  String manager;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
    manager = tokenFor(acme.manager());
  }

  private Map<String, Object> call(String subject) {
    Map<String, Object> body = new HashMap<>();
    body.put("communication_type", "call");
    body.put("channel", "phone");
    body.put("direction", "inbound");
    body.put("subject", subject);
    body.put("start_time", "2026-11-20T10:00:00Z");
    body.put("end_time", "2026-11-20T10:17:40Z");
    body.put("content", "Customer called about the renewal of their contract.");
    body.put("customer_id", acme.platinumCustomerId().toString());
    return body;
  }

  private JsonNode created(String token, Map<String, Object> body) {
    Response r = post("/api/communication-logs", token, body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.body();
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> copy = new HashMap<>(body);
    copy.put(field, value);
    return copy;
  }

  @Test
  void aLoggedCallComputesItsDurationAndStartsAThread() {
    JsonNode log = created(rep1, call("Renewal call"));
    assertThat(log.get("duration_minutes").asInt()).isEqualTo(17);
    assertThat(log.get("status").asText()).isEqualTo("logged");
    assertThat(log.get("priority").asText()).isEqualTo("normal");
    assertThat(log.get("customer_name").asText()).isEqualTo("Platinum Inc");
    assertThat(log.get("created_by_user_id").asText()).isEqualTo(acme.rep1().id().toString());
    assertThat(log.get("thread_token").asText()).matches("AF-[A-Z2-9]{8}");

    JsonNode read = get("/api/communication-logs/" + log.get("id").asText(), rep1).body();
    assertThat(read.get("subject").asText()).isEqualTo("Renewal call");
  }

  @Test
  void theRulesOfSeed001AnswerWith400NamingTheField() {
    Map<String, Object> call = call("Rules");
    Map<String, String> cases = new HashMap<>();
    cases.put("end_time", post("/api/communication-logs", rep1, with(call, "end_time", "2026-11-20T09:00:00Z")).body().toString());
    cases.put("channel", post("/api/communication-logs", rep1, with(call, "channel", "fax")).body().toString());
    cases.put("content", post("/api/communication-logs", rep1, with(call, "content", "  short  ")).body().toString());
    cases.put("sentiment_score", post("/api/communication-logs", rep1, with(call, "sentiment_score", 1.5)).body().toString());
    cases.put("communication_type", post("/api/communication-logs", rep1, with(call, "communication_type", "telegram")).body().toString());
    cases.put("start_time", post("/api/communication-logs", rep1, with(call, "start_time", null)).body().toString());
    Map<String, Object> email = with(with(call, "communication_type", "email"), "channel", "email");
    cases.put("from_address", post("/api/communication-logs", rep1, with(email, "to_addresses", List.of("a@b.example"))).body().toString());
    cases.put("to_addresses", post("/api/communication-logs", rep1, with(email, "from_address", "x@y.example")).body().toString());
    cases.forEach((field, problem) -> assertThat(problem).as(field).contains("\"field\":\"" + field + "\""));

    // an inactive channel is refused like an unknown one
    jdbc.update("update channel_configurations set is_active = false where company_id = ? and channel_code = 'phone'", acme.companyId());
    Response inactive = post("/api/communication-logs", rep1, call);
    assertThat(inactive.status()).isEqualTo(400);
    assertThat(inactive.text("error_code")).isEqualTo("inactive_channel");
    assertThat(jdbc.queryForObject("select count(*) from communication_logs where company_id = ?", Long.class, acme.companyId())).isZero();
  }

  @Test
  void anEmailLogNeedsValidAddressesAndAShortChatIsFine() {
    Map<String, Object> email = with(with(call("Mail"), "communication_type", "email"), "channel", "email");
    email.put("from_address", "Buyer@Customer.Example");
    email.put("to_addresses", List.of("sales@acme.example"));
    JsonNode log = created(rep1, email);
    assertThat(log.get("from_address").asText()).isEqualTo("buyer@customer.example");

    Map<String, Object> chat = with(with(with(call("Chat"), "communication_type", "chat"), "channel", "chat"), "content", "ok");
    assertThat(post("/api/communication-logs", rep1, chat).status()).isEqualTo(201);
  }

  @Test
  void updatesTrackChangesAndCatchConcurrentEdits() {
    JsonNode log = created(rep1, call("Versioned"));
    String path = "/api/communication-logs/" + log.get("id").asText();
    Response first = put(path, rep1, Map.of("version", 0, "status", "in_progress", "summary", "Wants a quote"));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(first.body().get("version").asInt()).isEqualTo(1);

    Response stale = put(path, rep1, Map.of("version", 0, "priority", "high"));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.text("error_code")).isEqualTo("version_conflict");

    Response badTransition = put(path, rep1, Map.of("version", 1, "status", "logged"));
    assertThat(badTransition.status()).isEqualTo(409);
    assertThat(badTransition.text("error_code")).isEqualTo("invalid_status_transition");

    Response transcript = put(path, rep1, Map.of("version", 1, "transcription", "Agent: hello. Customer: we want to renew."));
    assertThat(transcript.status()).isEqualTo(200);
    JsonNode detail = get(path + "?include_transcript=true&include_follow_up=true&include_thread=true", rep1).body();
    assertThat(detail.get("transcription").asText()).startsWith("Agent: hello");
    assertThat(detail.get("thread")).hasSize(1);

    List<Map<String, Object>> audit = jdbc.queryForList(
        "select action, changes::text as changes from audit_log where entity_type = 'communication_log' and entity_id = ? order by occurred_at",
        log.get("id").asText());
    assertThat(audit).extracting(a -> a.get("action")).containsExactly("create", "update", "update");
    assertThat(audit.get(1).get("changes").toString()).contains("\"field\": \"status\"").contains("in_progress");
  }

  @Test
  void assignmentRespectsCapacityAndNotifiesTheAssignee() {
    // rep3 takes two open communications
    for (int i = 0; i < 2; i++) {
      JsonNode log = created(manager, call("Load " + i));
      Response assigned = post("/api/communication-logs/" + log.get("id").asText() + "/assign", manager,
          Map.of("assigned_to_user_id", acme.rep3().id().toString()));
      assertThat(assigned.status()).as(assigned.body().toString()).isEqualTo(200);
      assertThat(assigned.body().get("assigned_to_username").asText()).isEqualTo(acme.rep3().username());
    }
    JsonNode third = created(manager, call("One too many"));
    Response full = post("/api/communication-logs/" + third.get("id").asText() + "/assign", manager,
        Map.of("assigned_to_user_id", acme.rep3().id().toString()));
    assertThat(full.status()).isEqualTo(409);
    assertThat(full.text("error_code")).isEqualTo("capacity_exceeded");

    deliverNotifications(acme);
    assertThat(mailsTo(acme.rep3().email())).extracting(IntegrationTest::subjectOf)
        .filteredOn(s -> s.startsWith("[Activity Flow] Communication assigned to you: Load"))
        .hasSize(2);
    Response inbox = get("/api/notifications", tokenFor(acme.rep3()));
    assertThat(inbox.body().toString()).contains("Communication assigned to you: Load 0");
  }

  @Test
  void aRepSeesItsOwnTheQueueAndItsTeamButNotAnotherTeamsOrCompanys() {
    JsonNode own = created(rep1, call("Own"));
    JsonNode keyAccount = created(tokenFor(acme.keyAccountManager()), call("Key account"));
    JsonNode teammate = created(tokenFor(acme.rep2()), call("Teammate"));
    post("/api/communication-logs/" + keyAccount.get("id").asText() + "/assign", tokenFor(acme.keyAccountManager()),
        Map.of("assigned_to_user_id", acme.keyAccountManager().id().toString()));
    post("/api/communication-logs/" + teammate.get("id").asText() + "/assign", tokenFor(acme.rep2()),
        Map.of("assigned_to_user_id", acme.rep2().id().toString()));

    JsonNode list = get("/api/communication-logs?page_size=50", rep1).body();
    assertThat(list.get("items")).extracting(i -> i.get("subject").asText()).containsExactlyInAnyOrder("Own", "Teammate");
    assertThat(get("/api/communication-logs/" + keyAccount.get("id").asText(), rep1).status()).isEqualTo(404);
    // a teammate's log is readable, not changeable, for a rep; its lead may change it
    Response change = put("/api/communication-logs/" + teammate.get("id").asText(), rep1, Map.of("version", 1, "priority", "high"));
    assertThat(change.status()).isEqualTo(403);
    Response byLead = put("/api/communication-logs/" + teammate.get("id").asText(), tokenFor(acme.lead()), Map.of("version", 1, "priority", "high"));
    assertThat(byLead.status()).as(byLead.body().toString()).isEqualTo(200);

    Staff other = companies.create();
    String foreign = tokenFor(other.manager());
    assertThat(get("/api/communication-logs/" + own.get("id").asText(), foreign).status()).isEqualTo(404);
    assertThat(put("/api/communication-logs/" + own.get("id").asText(), foreign, Map.of("version", 0)).status()).isEqualTo(404);
    assertThat(post("/api/communication-logs/" + own.get("id").asText() + "/assign", foreign, Map.of()).status()).isEqualTo(404);
    assertThat(get("/api/communication-logs", foreign).body().get("total_count").asInt()).isZero();
    assertThat(get("/api/communication-logs", null).status()).isEqualTo(401);
    assertThat(get("/api/communication-logs", tokenFor(acme.admin())).body().get("total_count").asInt()).isEqualTo(3);
  }

  @Test
  void onlyManagersDeleteAndNeverWhileAFollowUpIsActive() {
    JsonNode log = created(rep1, with(call("Follow me"), "requires_follow_up", true));
    assertThat(log.get("follow_up_status").asText()).isEqualTo("pending");
    String path = "/api/communication-logs/" + log.get("id").asText();
    assertThat(delete(path, rep1).status()).isEqualTo(403);
    Response blocked = delete(path, manager);
    assertThat(blocked.status()).isEqualTo(409);
    assertThat(blocked.text("error_code")).isEqualTo("follow_up_active");

    JsonNode plain = created(rep1, call("Delete me"));
    assertThat(delete("/api/communication-logs/" + plain.get("id").asText(), manager).status()).isEqualTo(204);
    assertThat(get("/api/communication-logs/" + plain.get("id").asText(), manager).status()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select is_deleted from communication_logs where id = ?::uuid", Boolean.class,
        plain.get("id").asText())).isTrue();
  }

  @Test
  void listFiltersAndPagination() {
    created(rep1, call("Phone one"));
    created(rep1, with(with(call("Phone two"), "start_time", "2026-11-21T10:00:00Z"), "end_time", "2026-11-21T10:05:00Z"));
    created(rep1, with(with(with(call("Chat"), "communication_type", "chat"), "channel", "chat"), "end_time", null));
    JsonNode calls = get("/api/communication-logs?communication_type=call&page_size=1&page=2", rep1).body();
    assertThat(calls.get("total_count").asInt()).isEqualTo(2);
    assertThat(calls.get("items").get(0).get("subject").asText()).isEqualTo("Phone one");
    JsonNode range = get("/api/communication-logs?start_from=2026-11-21T00:00:00Z", rep1).body();
    assertThat(range.get("items")).extracting(i -> i.get("subject").asText()).containsExactly("Phone two");
    Response bad = get("/api/communication-logs?page_size=500", rep1);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().toString()).contains("page_size");
    assertThat(get("/api/communication-logs?channel_type=x&status=nope", rep1).body().toString()).contains("\"field\":\"status\"");
  }

  @Test
  void channelSecretsAreEncryptedAtRestAndNeverReturned() {
    Map<String, Object> request = new HashMap<>();
    request.put("channel_code", "support_mail");
    request.put("channel_name", "Support mailbox");
    request.put("channel_type", "email");
    request.put("api_key", "key-123-very-secret");
    request.put("imap_host", "imap.example.com");
    request.put("imap_username", "support");
    request.put("imap_password", "hunter2-mailbox");
    request.put("mailbox_address", "support@acme.example");
    assertThat(post("/api/channel-configurations", rep1, request).status()).isEqualTo(403);
    Response created = post("/api/channel-configurations", manager, request);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().toString()).doesNotContain("hunter2").doesNotContain("key-123");
    assertThat(created.body().get("has_api_key").asBoolean()).isTrue();
    assertThat(created.body().get("mailbox").get("has_imap_password").asBoolean()).isTrue();
    assertThat(created.body().get("mailbox").get("imap_port").asInt()).isEqualTo(993);
    String stored = jdbc.queryForObject("select imap_password_encrypted || api_key_encrypted from channel_configurations where id = ?::uuid",
        String.class, created.body().get("id").asText());
    assertThat(stored).doesNotContain("hunter2").doesNotContain("key-123");

    JsonNode listed = get("/api/channel-configurations?channel_type=email", rep1).body();
    assertThat(listed.toString()).doesNotContain("hunter2").contains("support_mail");
    Response duplicate = post("/api/channel-configurations", manager, request);
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(get("/api/channel-configurations", tokenFor(companies.create().manager())).body().toString()).doesNotContain("support_mail");
  }

  @Test
  void categoriesFormAHierarchyWithoutCycles() {
    JsonNode all = get("/api/communication-categories", rep1).body();
    assertThat(all).extracting(c -> c.get("category_code").asText()).contains("support", "complaint", "billing", "general");
    JsonNode support = null;
    JsonNode complaint = null;
    for (JsonNode c : all) {
      if (c.get("category_code").asText().equals("support")) support = c;
      if (c.get("category_code").asText().equals("complaint")) complaint = c;
    }
    assertThat(complaint.get("parent_category_code").asText()).isEqualTo("support");
    Map<String, Object> cycle = new HashMap<>();
    cycle.put("category_code", "support");
    cycle.put("category_name", "Support");
    cycle.put("parent_category_id", complaint.get("id").asText());
    Response refused = put("/api/communication-categories/" + support.get("id").asText(), manager, cycle);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text("error_code")).isEqualTo("category_cycle");

    Map<String, Object> retention = new HashMap<>();
    retention.put("category_code", "legal");
    retention.put("category_name", "Legal hold");
    retention.put("retention_days", 30);
    Response incomplete = post("/api/communication-categories", manager, retention);
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.body().toString()).contains("retention_action");
    assertThat(post("/api/communication-categories", rep1, with(retention, "retention_action", "purge")).status()).isEqualTo(403);
    assertThat(post("/api/communication-categories", manager, with(retention, "retention_action", "purge")).status()).isEqualTo(201);
  }

  @Test
  void contactsAreUpsertedByExternalIdAndLinkLogsToTheirCustomer() {
    Response customer = put("/api/customers/by-external-id/CRM-77", manager, Map.of("name", "Globex Corp", "tier", "gold"));
    assertThat(customer.status()).as(customer.body().toString()).isEqualTo(200);
    Response again = put("/api/customers/by-external-id/CRM-77", manager, Map.of("name", "Globex Corporation", "tier", "platinum"));
    assertThat(again.body().get("id").asText()).isEqualTo(customer.body().get("id").asText());
    assertThat(again.body().get("tier").asText()).isEqualTo("platinum");

    Map<String, Object> contact = new HashMap<>();
    contact.put("customer_external_id", "CRM-77");
    contact.put("first_name", "Hank");
    contact.put("last_name", "Scorpio");
    contact.put("emails", List.of("Hank@Globex.Example"));
    contact.put("phones", List.of("+1 (555) 010-7788"));
    Response c = put("/api/contacts/by-external-id/P-1", manager, contact);
    assertThat(c.status()).as(c.body().toString()).isEqualTo(200);
    assertThat(c.body().get("emails").get(0).asText()).isEqualTo("hank@globex.example");
    assertThat(c.body().get("phones").get(0).asText()).isEqualTo("+15550107788");
    Response badEmail = put("/api/contacts/by-external-id/P-2", manager, with(contact, "emails", List.of("nope")));
    assertThat(badEmail.body().toString()).contains("emails[0]");
    assertThat(put("/api/contacts/by-external-id/P-3", rep1, contact).status()).isEqualTo(403);

    JsonNode log = created(rep1, with(with(call("Hank calls"), "customer_id", null), "contact_id", c.body().get("id").asText()));
    assertThat(log.get("customer_id").asText()).isEqualTo(customer.body().get("id").asText());
    assertThat(log.get("contact_name").asText()).isEqualTo("Hank Scorpio");
    Response mismatch = post("/api/communication-logs", rep1, with(call("Wrong"), "contact_id", c.body().get("id").asText()));
    assertThat(mismatch.body().toString()).contains("contact_of_other_customer");
    assertThat(get("/api/contacts/" + c.body().get("id").asText(), tokenFor(companies.create().manager())).status()).isEqualTo(404);
  }

  @Test
  void communicationEventsGoToWebhooksThroughTheOutbox() {
    Response hook = post("/api/webhooks", tokenFor(acme.admin()), Map.of("url", "https://crm.example/hooks",
        "event_types", List.of("communication.created", "communication.assigned", "communication.status_changed",
            "communication.transcription_completed")));
    assertThat(hook.status()).as(hook.body().toString()).isEqualTo(201);
    JsonNode log = created(rep1, call("Evented"));
    String path = "/api/communication-logs/" + log.get("id").asText();
    post(path + "/assign", rep1, Map.of("assigned_to_user_id", acme.rep1().id().toString()));
    put(path, rep1, Map.of("version", 1, "status", "resolved", "transcription", "Full transcript of the call."));
    List<String> types = jdbc.queryForList(
        "select event_type from webhook_deliveries where company_id = ? order by seq", String.class, acme.companyId());
    assertThat(types).containsExactly("communication.created", "communication.assigned", "communication.status_changed",
        "communication.transcription_completed");
    String payload = jdbc.queryForObject("select payload from webhook_deliveries where company_id = ? order by seq limit 1",
        String.class, acme.companyId());
    assertThat(payload).contains("\"communication_log_id\":\"" + log.get("id").asText() + "\"");
  }

  @Test
  void attachmentsAreStoredCheckedListedAndDownloaded() {
    JsonNode log = created(rep1, call("With file"));
    String id = log.get("id").asText();
    Response uploaded = upload(rep1, id, "notes.txt", "Call notes: renewal at 5% discount.".getBytes());
    assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
    assertThat(uploaded.body().get("file_type").asText()).startsWith("text/plain");
    Response exe = upload(rep1, id, "invoice.pdf", new byte[] {0x4d, 0x5a, (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff});
    assertThat(exe.status()).isEqualTo(400);
    assertThat(exe.text("error_code")).isEqualTo("file_type_refused");
    Response noLog = upload(rep1, "not-a-uuid", "a.txt", "hello".getBytes());
    assertThat(noLog.body().toString()).contains("communication_log_id");

    JsonNode list = get("/api/communication-attachments?communication_id=" + id, rep1).body();
    assertThat(list.get("items")).hasSize(1);
    String attachmentId = list.get("items").get(0).get("id").asText();
    Response download = get("/api/communication-attachments/" + attachmentId + "/content", rep1);
    assertThat(download.status()).isEqualTo(200);
    assertThat(get("/api/communication-logs/" + id + "?include_attachments=true", rep1).body().get("attachments").get(0)
        .get("download_count").asInt()).isEqualTo(1);
    String foreign = tokenFor(companies.create().manager());
    assertThat(get("/api/communication-attachments/" + attachmentId + "/content", foreign).status()).isEqualTo(404);
    assertThat(get("/api/communication-attachments", foreign).body().get("total_count").asInt()).isZero();
  }

  private Response upload(String token, String logId, String fileName, byte[] content) {
    String boundary = "----af" + System.nanoTime();
    StringBuilder head = new StringBuilder();
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"communication_log_id\"\r\n\r\n")
        .append(logId).append("\r\n--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
        .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    byte[] start = head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[start.length + content.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(content, 0, body, start.length, content.length);
    System.arraycopy(end, 0, body, start.length + content.length, end.length);
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/communication-attachments"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body().isEmpty() ? json.nullNode() : json.readTree(r.body()), r.headers().map());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
