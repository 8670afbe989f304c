package com.activityflow.communication;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.platform.storage.FileStore;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** GDPR (S6): a contact's personal data is exported whole and erased without losing the counts. */
class PersonalDataTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired CommunicationAttachments attachments;
  @Autowired CommunicationLogRepository logRepository;
  @Autowired FileStore files;
  @Autowired CommunicationLogs communicationLogs;

  Staff acme;
  String manager;
  String jane;
  String bob;
  String janesMail;
  String janesCall;
  String bobsCall;
  String janesTask;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    manager = tokenFor(acme.manager());
    jane = contact("jane-" + acme.code(), "Jane", "Doorstep", "jane.doorstep@customer.example", "+49 30 1234567");
    bob = contact("bob-" + acme.code(), "Bob", "Other", "bob.other@customer.example", "+49 30 7654321");
    janesMail = log(mail(jane, "Jane Doorstep asks for the renewal offer", "Hello, this is Jane Doorstep, call me at +4930 1234567."));
    janesCall = log(call(jane, "Call with Jane about delivery"));
    bobsCall = log(call(bob, "Call with Bob about invoices"));
    attachments.capture(logRepository.findById(UUID.fromString(janesMail)).orElseThrow(), "Jane Doorstep contract.pdf",
        "%PDF-1.4 signed by Jane Doorstep".getBytes(StandardCharsets.UTF_8));
    FileStore.StoredFile raw = files.store("communications/raw/" + janesMail + ".eml", "mail.eml",
        new ByteArrayInputStream("From: jane.doorstep@customer.example\r\n\r\nHello".getBytes(StandardCharsets.UTF_8)));
    jdbc.update("update communication_logs set raw_source_path = ? where id = ?::uuid", raw.key(), janesMail);
    Map<String, Object> task = new HashMap<>();
    task.put("task_title", "Send offer to Jane Doorstep");
    task.put("task_description", "Mail it to jane.doorstep@customer.example, also mention the deadline.");
    task.put("task_type", "follow_up");
    task.put("contact_id", jane);
    Response created = post("/api/tasks", manager, task);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    janesTask = created.text("id");
    assertThat(post("/api/tasks/" + janesTask + "/comments", manager, Map.of("comment_text", "Jane prefers calls")).status()).isEqualTo(201);
  }

  private String contact(String externalId, String first, String last, String email, String phone) {
    Response r = put("/api/contacts/by-external-id/" + externalId, manager,
        Map.of("customer_id", acme.platinumCustomerId().toString(), "first_name", first, "last_name", last, "emails", List.of(email),
            "phones", List.of(phone)));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.text("id");
  }

  private Map<String, Object> call(String contactId, String subject) {
    Map<String, Object> body = new HashMap<>();
    body.put("communication_type", "call");
    body.put("channel", "phone");
    body.put("direction", "inbound");
    body.put("subject", subject);
    body.put("start_time", "2026-11-20T10:00:00Z");
    body.put("end_time", "2026-11-20T10:12:00Z");
    body.put("content", "Talked about the delivery dates and the next steps.");
    body.put("summary", "Wants delivery before Christmas");
    body.put("transcription", "Agent: hello. Caller: hi, it's me.");
    body.put("from_number", "+49301234567");
    body.put("to_number", "+4940999");
    body.put("recording_url", "https://recordings.example/r/1");
    body.put("contact_id", contactId);
    body.put("sentiment", "positive");
    return body;
  }

  private Map<String, Object> mail(String contactId, String subject, String content) {
    Map<String, Object> body = call(contactId, subject);
    body.put("communication_type", "email");
    body.put("channel", "email");
    body.put("content", content);
    body.put("from_address", "jane.doorstep@customer.example");
    body.put("to_addresses", List.of("sales@acme.example"));
    body.put("cc_addresses", List.of("assistant@customer.example"));
    return body;
  }

  private String log(Map<String, Object> body) {
    Response r = post("/api/communication-logs", manager, body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void theExportHoldsEverythingOfTheContactAndNothingOfOthers() {
    Response export = get("/api/contacts/" + jane + "/personal-data", manager);
    assertThat(export.status()).as(export.body().toString()).isEqualTo(200);
    JsonNode data = export.body();
    assertThat(data.get("contact").get("first_name").asText()).isEqualTo("Jane");
    assertThat(data.get("contact").get("emails").get(0).asText()).isEqualTo("jane.doorstep@customer.example");
    assertThat(data.get("communications")).extracting(c -> c.get("id").asText()).containsExactlyInAnyOrder(janesMail, janesCall);
    JsonNode mail = null;
    for (JsonNode c : data.get("communications")) {
      if (c.get("id").asText().equals(janesMail)) {
        mail = c;
      }
    }
    assertThat(mail.get("content").asText()).contains("this is Jane Doorstep");
    assertThat(mail.get("transcription").asText()).startsWith("Agent: hello");
    assertThat(mail.get("cc_addresses").get(0).asText()).isEqualTo("assistant@customer.example");
    assertThat(mail.has("raw_source_path")).as("storage keys are internal").isFalse();
    assertThat(data.get("threads")).hasSize(2);
    assertThat(data.get("attachments")).extracting(a -> a.get("file_name").asText()).containsExactly("Jane Doorstep contract.pdf");
    assertThat(data.get("tasks")).extracting(t -> t.get("id").asText()).containsExactly(janesTask);
    assertThat(data.get("task_comments")).extracting(c -> c.get("comment_text").asText()).containsExactly("Jane prefers calls");
    assertThat(data.get("audit_entries")).extracting(e -> e.get("entity_id").asText())
        .contains(jane, janesMail, janesCall, janesTask)
        .doesNotContain(bob, bobsCall);
    assertThat(data.toString()).doesNotContain("Bob").doesNotContain("bob.other").doesNotContain(bobsCall);

    assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'export' and entity_id = ?", Long.class, jane))
        .isEqualTo(1);
  }

  @Test
  void erasingAnonymisesTheContactAndItsCommunicationsButKeepsTheCounts() throws Exception {
    long logsBefore = jdbc.queryForObject("select count(*) from communication_logs where company_id = ?", Long.class, acme.companyId());
    Path attachmentFile = files.resolve(jdbc.queryForObject(
        "select file_path from communication_attachments where communication_log_id = ?::uuid", String.class, janesMail));
    Path rawFile = files.resolve(jdbc.queryForObject("select raw_source_path from communication_logs where id = ?::uuid", String.class, janesMail));
    assertThat(attachmentFile).exists();
    assertThat(rawFile).exists();

    Response erased = post("/api/contacts/" + jane + "/erase", manager, Map.of("reason", "Request by mail, ticket 4711"));
    assertThat(erased.status()).as(erased.body().toString()).isEqualTo(200);
    assertThat(erased.body().get("communications").asInt()).isEqualTo(2);
    assertThat(erased.body().get("attachments").asInt()).isEqualTo(1);
    assertThat(erased.body().get("tasks").asInt()).isEqualTo(1);

    // the contact keeps its row and id, nothing more
    JsonNode contact = get("/api/contacts/" + jane, manager).body();
    assertThat(contact.get("first_name").isNull()).isTrue();
    assertThat(contact.get("last_name").isNull()).isTrue();
    assertThat(contact.get("emails")).isEmpty();
    assertThat(contact.get("phones")).isEmpty();
    assertThat(contact.get("anonymized_at").isNull()).isFalse();

    // counts for statistics stay: same number of logs, same channels, durations and sentiment
    assertThat(jdbc.queryForObject("select count(*) from communication_logs where company_id = ?", Long.class, acme.companyId()))
        .isEqualTo(logsBefore);
    JsonNode mail = get("/api/communication-logs/" + janesMail + "?include_transcript=true&include_thread=true", manager).body();
    assertThat(mail.get("subject").asText()).isEqualTo("[erased]");
    assertThat(mail.get("content").asText()).isEqualTo("[erased]");
    assertThat(mail.get("summary").isNull()).isTrue();
    assertThat(mail.get("transcription").isNull()).isTrue();
    assertThat(mail.get("from_address").isNull()).isTrue();
    assertThat(mail.get("to_addresses")).isEmpty();
    assertThat(mail.get("cc_addresses")).isEmpty();
    assertThat(mail.get("from_number").isNull()).isTrue();
    assertThat(mail.get("recording_url").isNull()).isTrue();
    assertThat(mail.get("contact_name").isNull()).isTrue();
    assertThat(mail.get("channel").asText()).isEqualTo("email");
    assertThat(mail.get("duration_minutes").asInt()).isEqualTo(12);
    assertThat(mail.get("sentiment").asText()).isEqualTo("positive");
    assertThat(mail.get("thread").get(0).get("subject").asText()).isEqualTo("[erased]");
    assertThat(jdbc.queryForObject("select count(*) from communication_threads where id = ?::uuid and subject = '[erased]'", Long.class,
        mail.get("thread_id").asText())).isEqualTo(1);

    // stored files are gone, the attachment row stays with an anonymous name
    assertThat(attachmentFile).doesNotExist();
    assertThat(rawFile).doesNotExist();
    Map<String, Object> attachment = jdbc.queryForMap(
        "select file_name, file_type, file_size from communication_attachments where communication_log_id = ?::uuid", janesMail);
    assertThat(attachment.get("file_name")).isEqualTo("erased.pdf");
    assertThat(jdbc.queryForObject("select raw_source_path from communication_logs where id = ?::uuid", String.class, janesMail)).isNull();

    // the task stays, mentions of her are gone, other words survive
    JsonNode task = get("/api/tasks/" + janesTask, manager).body();
    assertThat(task.get("task_title").asText()).isEqualTo("Send offer to [erased]");
    assertThat(task.get("task_description").asText()).isEqualTo("Mail it to [erased], also mention the deadline.");
    assertThat(jdbc.queryForObject("select comment_text from task_comments where task_id = ?::uuid", String.class, janesTask))
        .isEqualTo("[erased] prefers calls");
    assertThat(jdbc.queryForList("select coalesce(old_value, '') || ' ' || coalesce(new_value, '') from task_changes where task_id = ?::uuid",
        String.class, janesTask)).noneMatch(v -> v.contains("Jane") || v.contains("jane.doorstep"));

    // a transcript delivered after the erasure (telephony) does not bring the content back
    communicationLogs.completeTranscription(logRepository.findById(UUID.fromString(janesCall)).orElseThrow(), "Jane: it's me again", null);
    assertThat(jdbc.queryForObject("select transcription from communication_logs where id = ?::uuid", String.class, janesCall)).isNull();

    // Bob is untouched
    JsonNode bobs = get("/api/communication-logs/" + bobsCall, manager).body();
    assertThat(bobs.get("subject").asText()).isEqualTo("Call with Bob about invoices");
    assertThat(get("/api/contacts/" + bob, manager).body().get("first_name").asText()).isEqualTo("Bob");

    // nothing of her is left anywhere in the export
    String export = get("/api/contacts/" + jane + "/personal-data", manager).body().toString();
    assertThat(export).doesNotContainIgnoringCase("Jane").doesNotContain("doorstep").doesNotContain("1234567").doesNotContain("recordings.example");
  }

  @Test
  void communicationsLinkedToNobodyButNamingHerAreHersAndOthersOnlyLoseHerAddress() {
    // logged before the CRM mirror knew her: no contact, but her address or her number
    Map<String, Object> orphanMail = mail(jane, "Question about the offer", "Is the offer still valid?");
    orphanMail.remove("contact_id");
    orphanMail.put("from_address", "Jane.Doorstep@customer.example");
    String orphanMailId = log(orphanMail);
    Map<String, Object> orphanCall = call(jane, "Call from an unknown number");
    orphanCall.remove("contact_id");
    orphanCall.put("from_number", "+49 30 123 4567");
    String orphanCallId = log(orphanCall);
    Map<String, Object> strangersCall = call(jane, "Call from a stranger");
    strangersCall.remove("contact_id");
    strangersCall.put("from_number", "+1 555 0100");
    String strangersCallId = log(strangersCall);
    // Bob's mail with her in copy
    Map<String, Object> bobsMailBody = mail(bob, "Bob about invoices", "Bob asks about the invoices.");
    bobsMailBody.put("from_address", "bob.other@customer.example");
    bobsMailBody.put("cc_addresses", List.of("jane.doorstep@customer.example", "assistant@customer.example"));
    String bobsMail = log(bobsMailBody);
    // the same address at another company is that company's business
    Staff globex = companies.create();
    Map<String, Object> globexMail = mail(jane, "Hello Globex", "A mail to another company.");
    globexMail.remove("contact_id");
    globexMail.put("customer_id", globex.platinumCustomerId().toString());
    Response atGlobex = post("/api/communication-logs", tokenFor(globex.manager()), globexMail);
    assertThat(atGlobex.status()).as(atGlobex.body().toString()).isEqualTo(201);

    JsonNode export = get("/api/contacts/" + jane + "/personal-data", manager).body();
    assertThat(export.get("communications")).extracting(c -> c.get("id").asText())
        .containsExactlyInAnyOrder(janesMail, janesCall, orphanMailId, orphanCallId);

    Response erased = post("/api/contacts/" + jane + "/erase", manager, Map.of("reason", "Request by mail, ticket 4712"));
    assertThat(erased.status()).as(erased.body().toString()).isEqualTo(200);
    assertThat(erased.body().get("communications").asInt()).isEqualTo(4);
    assertThat(erased.body().get("addresses_removed").asInt()).isEqualTo(1);

    JsonNode mail = get("/api/communication-logs/" + orphanMailId, manager).body();
    assertThat(mail.get("content").asText()).isEqualTo("[erased]");
    assertThat(mail.get("from_address").isNull()).isTrue();
    JsonNode call = get("/api/communication-logs/" + orphanCallId, manager).body();
    assertThat(call.get("subject").asText()).isEqualTo("[erased]");
    assertThat(call.get("from_number").isNull()).isTrue();
    JsonNode strangers = get("/api/communication-logs/" + strangersCallId, manager).body();
    assertThat(strangers.get("subject").asText()).isEqualTo("Call from a stranger");

    JsonNode bobs = get("/api/communication-logs/" + bobsMail, manager).body();
    assertThat(bobs.get("subject").asText()).isEqualTo("Bob about invoices");
    assertThat(bobs.get("content").asText()).isEqualTo("Bob asks about the invoices.");
    assertThat(bobs.get("from_address").asText()).isEqualTo("bob.other@customer.example");
    assertThat(bobs.get("cc_addresses")).extracting(JsonNode::asText).containsExactly("assistant@customer.example");
    assertThat(bobs.get("version").asLong()).as("a client holding the old version gets 409").isEqualTo(1);
    assertThat(jdbc.queryForList("select entity_id from audit_log where action = 'anonymize' and entity_type = 'communication_log'"
        + " and company_id = ?", String.class, acme.companyId())).contains(orphanMailId, orphanCallId, bobsMail).doesNotContain(strangersCallId);

    JsonNode globexLog = get("/api/communication-logs/" + atGlobex.text("id"), tokenFor(globex.manager())).body();
    assertThat(globexLog.get("subject").asText()).isEqualTo("Hello Globex");
    assertThat(globexLog.get("from_address").asText()).isEqualTo("jane.doorstep@customer.example");
  }

  @Test
  void erasureIsAuditedAndTheAuditTrailHoldsNoPersonalData() {
    post("/api/contacts/" + jane + "/erase", tokenFor(acme.admin()), Map.of("reason", "Art. 17 request of 2026-11-20"));

    Map<String, Object> entry = jdbc.queryForMap(
        "select actor_username, reason, changes::text as changes from audit_log where action = 'erase' and entity_type = 'contact'"
            + " and entity_id = ?", jane);
    assertThat(entry.get("actor_username")).isEqualTo(acme.admin().username());
    assertThat(entry.get("reason")).isEqualTo("Art. 17 request of 2026-11-20");
    assertThat(entry.get("changes").toString()).contains("\"communications\"").contains("\"2\"");
    assertThat(jdbc.queryForList("select entity_id from audit_log where action = 'anonymize' and entity_type = 'communication_log'"
        + " and company_id = ?", String.class, acme.companyId())).containsExactlyInAnyOrder(janesMail, janesCall);

    // the append-only trail cannot be scrubbed, so it never held her names, addresses, numbers or texts
    List<String> trail = jdbc.queryForList("select coalesce(entity_id, '') || ' ' || changes::text || ' ' || coalesce(reason, '')"
        + " from audit_log where company_id = ?", String.class, acme.companyId());
    assertThat(trail).isNotEmpty().noneMatch(t -> t.contains("Jane") || t.contains("Doorstep") || t.contains("jane.doorstep")
        || t.contains("1234567") || t.contains("renewal offer") || t.contains("prefers calls"));
  }

  @Test
  void onlyManagersAndAdminsOfTheCompanyMay() {
    String rep = tokenFor(acme.rep1());
    assertThat(get("/api/contacts/" + jane + "/personal-data", rep).status()).isEqualTo(403);
    assertThat(post("/api/contacts/" + jane + "/erase", rep, Map.of("reason", "try")).status()).isEqualTo(403);
    assertThat(post("/api/contacts/" + jane + "/erase", tokenFor(acme.lead()), Map.of("reason", "try")).status()).isEqualTo(403);

    Staff globex = companies.create();
    String otherManager = tokenFor(globex.manager());
    assertThat(get("/api/contacts/" + jane + "/personal-data", otherManager).status()).isEqualTo(404);
    assertThat(post("/api/contacts/" + jane + "/erase", otherManager, Map.of("reason", "try")).status()).isEqualTo(404);
    assertThat(get("/api/contacts/" + UUID.randomUUID() + "/personal-data", manager).status()).isEqualTo(404);

    Response noReason = post("/api/contacts/" + jane + "/erase", manager, Map.of("reason", " "));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body().toString()).contains("reason");

    assertThat(get("/api/contacts/" + jane, manager).body().get("first_name").asText()).isEqualTo("Jane");
  }
}
