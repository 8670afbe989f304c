package com.activityflow.communication.mail;

import static com.activityflow.communication.mail.Mails.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Email capture end to end: a real IMAP server (GreenMail), the real poller, database and API, and
 * replies through the application's SMTP server (GreenMail too).
 */
class EmailCaptureTest extends IntegrationTest {

  /** The IMAP server the mailboxes live on, on a free port. */
  static final GreenMail imap = startImap();

  private static GreenMail startImap() {
    try (ServerSocket socket = new ServerSocket(0)) {
      int port = socket.getLocalPort();
      socket.close();
      GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stands for the process dying between the commit of a log and the mark on the server. */
  static final class SimulatedCrash extends Error {}

  @Autowired JdbcTemplate jdbc;
  @Autowired MailboxPoller poller;
  @Autowired MailboxHealthIndicator health;
  @Autowired MailboxSchedule schedule;
  @Autowired org.quartz.Scheduler scheduler;
  @Autowired ThreadCodec codec;
  @Autowired com.activityflow.platform.storage.FileStore files;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  Staff acme;
  String manager;
  GreenMailUser mailbox;
  String mailboxAddress;
  UUID channelId;
  UUID hooliId;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    manager = tokenFor(acme.manager());
    mailboxAddress = "support-" + acme.code() + "@acme.example";
    mailbox = imap.setUser(mailboxAddress, "support-" + acme.code(), "mailbox-secret");
    channelId = createMailboxChannel("support_mail", imap.getImap().getPort(), null);
    hooliId = UUID.fromString(customer("HOOLI-" + acme.code(), "Hooli"));
    contact("P-ALICE", "EXT-" + acme.code(), "Alice", "alice@initech.example");
    contact("P-ALBERT", "EXT-" + acme.code(), "Albert", "albert@initech.example");
    contact("P-BOB", "HOOLI-" + acme.code(), "Bob", "bob@hooli.example");
  }

  @Test
  void aBatchOfMailsIsLoggedExactlyOnceAndThreadedRight() throws Exception {
    byte[] original = mail().messageId("m1-" + acme.code() + "@initech.example")
        .subject("Lieferverzögerung – Bestellung 1001 ✈")
        .text("Grüße aus Köln: die Lieferung ist verspätet. 日本語もOK")
        .attachment("Rechnung März.pdf", "application/pdf", "%PDF-1.4 invoice".getBytes(StandardCharsets.US_ASCII))
        .bytes();
    deliver(original);
    deliver(mail().messageId("m2-" + acme.code() + "@initech.example").inReplyTo("m1-" + acme.code() + "@initech.example")
        .references("<m1-" + acme.code() + "@initech.example>").subject("Re: Lieferverzögerung – Bestellung 1001 ✈")
        .text("Any news?").bytes());
    byte[] carol = mail().from("Carol <carol@elsewhere.example>").subject("Original question").text("Please call me back.").bytes();
    deliver(mail().messageId("m3-" + acme.code() + "@initech.example").subject("Fwd: Original question")
        .text("Forwarding this to you.").forwarding(carol).bytes());
    deliver(original); // the same message a second time
    deliver(Mails.malformed("m5-" + acme.code() + "@initech.example"));
    deliver(mail().messageId("m6-" + acme.code() + "@newco.example").from("Dave Neu <dave@newco.example>").text(null)
        .html("<p>Hello <b>there</b></p><script>alert(1)</script>").subject("New here").bytes());

    MailboxPoller.PollResult first = poller.poll(channelId);

    assertThat(first).isEqualTo(new MailboxPoller.PollResult(5, 1, 1, 0, null));
    // the Prometheus counter counts stored mails, not the duplicate
    assertThat(meters.get("activityflow.emails.ingested").tag("company", acme.code()).counter().count()).isEqualTo(5.0);
    Map<String, JsonNode> logs = logsByMessageId();
    assertThat(logs).hasSize(5);
    JsonNode m1 = logs.get("m1-" + acme.code() + "@initech.example");
    JsonNode m2 = logs.get("m2-" + acme.code() + "@initech.example");
    JsonNode m3 = logs.get("m3-" + acme.code() + "@initech.example");
    JsonNode m5 = logs.get("m5-" + acme.code() + "@initech.example");
    JsonNode m6 = logs.get("m6-" + acme.code() + "@newco.example");
    assertThat(m1.get("subject").asText()).isEqualTo("Lieferverzögerung – Bestellung 1001 ✈");
    assertThat(m1.get("content").asText()).isEqualTo("Grüße aus Köln: die Lieferung ist verspätet. 日本語もOK");
    assertThat(m1.get("direction").asText()).isEqualTo("inbound");
    assertThat(m1.get("customer_id").asText()).isEqualTo(acme.platinumCustomerId().toString());
    assertThat(m1.get("contact_name").asText()).contains("Alice");
    assertThat(m1.get("to_addresses").get(0).asText()).isEqualTo("support@acme.example");
    assertThat(m2.get("thread_id").asText()).isEqualTo(m1.get("thread_id").asText());
    assertThat(m3.get("thread_id").asText()).isNotEqualTo(m1.get("thread_id").asText());
    assertThat(m3.get("content").asText()).contains("Forwarding this to you.", "From: Carol <carol@elsewhere.example>", "Please call me back.");
    assertThat(m5.get("malformed").asBoolean()).isTrue();
    assertThat(m5.get("parse_error").asText()).isNotBlank();
    assertThat(m6.get("content").asText()).isEqualTo("Hello there");
    assertThat(m6.get("customer_id").isNull()).isTrue();
    assertThat(m6.get("contact_name").asText()).contains("Dave");

    JsonNode m1Detail = get("/api/communication-logs/" + m1.get("id").asText() + "?include_attachments=true", manager).body();
    assertThat(m1Detail.get("attachments")).extracting(a -> a.get("file_name").asText()).containsExactly("Rechnung März.pdf");
    assertThat(m1Detail.get("attachments").get(0).get("file_type").asText()).isEqualTo("application/pdf");
    JsonNode m3Detail = get("/api/communication-logs/" + m3.get("id").asText() + "?include_attachments=true", manager).body();
    assertThat(m3Detail.get("attachments")).extracting(a -> a.get("file_name").asText()).containsExactly("Original question.eml");
    String rawPath = jdbc.queryForObject("select raw_source_path from communication_logs where id = ?::uuid", String.class, m5.get("id").asText());
    assertThat(rawPath).endsWith(".eml");
    assertThat(files.resolve(rawPath)).content(StandardCharsets.US_ASCII).contains("this body has no parts at all");
    assertThat(unseen()).isZero();

    // the subject token counts only for a sender of the thread's customer
    String token = m1.get("thread_token").asText();
    deliver(mail().messageId("m7-" + acme.code() + "@hooli.example").from("Bob <bob@hooli.example>")
        .subject("Re: Lieferverzögerung [" + token + "]").text("We have the same problem.").bytes());
    deliver(mail().messageId("m8-" + acme.code() + "@initech.example").from("Albert <albert@initech.example>")
        .subject("Also about [" + token + "]").text("Adding to this.").bytes());

    assertThat(poller.poll(channelId)).isEqualTo(new MailboxPoller.PollResult(2, 0, 0, 0, null));
    logs = logsByMessageId();
    JsonNode fromHooli = logs.get("m7-" + acme.code() + "@hooli.example");
    assertThat(fromHooli.get("customer_id").asText()).isEqualTo(hooliId.toString());
    assertThat(fromHooli.get("thread_id").asText()).isNotEqualTo(m1.get("thread_id").asText());
    assertThat(logs.get("m8-" + acme.code() + "@initech.example").get("thread_id").asText()).isEqualTo(m1.get("thread_id").asText());

    // our reply carries the thread; the customer's answer to it comes back into the same thread
    String rep = tokenFor(acme.rep1());
    Response reply = post("/api/communication-logs/" + m2.get("id").asText() + "/reply", rep, Map.of("content", "It ships tomorrow. Grüße"));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    assertThat(reply.text("direction")).isEqualTo("outbound");
    assertThat(reply.text("thread_id")).isEqualTo(m1.get("thread_id").asText());
    assertThat(reply.text("created_by_user_id")).isEqualTo(acme.rep1().id().toString());
    MimeMessage sent = mailsTo("alice@initech.example").get(mailsTo("alice@initech.example").size() - 1);
    ParsedEmail sentMail = new EmailParser().parse(bytes(sent));
    assertThat(sentMail.messageId()).isEqualTo(reply.text("message_id"));
    assertThat(codec.verifiedThreadId(sentMail.messageId())).contains(UUID.fromString(m1.get("thread_id").asText()));
    assertThat(sentMail.inReplyTo()).isEqualTo("m2-" + acme.code() + "@initech.example");
    assertThat(sentMail.references()).containsExactly("m1-" + acme.code() + "@initech.example", "m2-" + acme.code() + "@initech.example");
    assertThat(sentMail.subject()).isEqualTo("Re: Lieferverzögerung – Bestellung 1001 ✈ [" + token + "]");
    assertThat(sentMail.from().address()).isEqualTo(mailboxAddress);
    assertThat(sentMail.textBody()).isEqualTo("It ships tomorrow. Grüße");

    deliver(mail().messageId("m9-" + acme.code() + "@initech.example").inReplyTo(sentMail.messageId())
        .subject("Re: something else entirely").text("Thanks!").bytes());
    // a reply whose client dropped our sent mail but kept a signed id of the thread
    deliver(mail().messageId("m10-" + acme.code() + "@initech.example")
        .inReplyTo(codec.newMessageId(UUID.fromString(m3.get("thread_id").asText()), "acme.example"))
        .subject("no token here").text("About the forwarded question").bytes());
    assertThat(poller.poll(channelId).logged()).isEqualTo(2);
    logs = logsByMessageId();
    assertThat(logs.get("m9-" + acme.code() + "@initech.example").get("thread_id").asText()).isEqualTo(m1.get("thread_id").asText());
    assertThat(logs.get("m10-" + acme.code() + "@initech.example").get("thread_id").asText()).isEqualTo(m3.get("thread_id").asText());

    assertThat(jdbc.queryForObject(
            "select count(*) from communication_logs where company_id = ? and message_id is not null group by message_id"
                + " order by count(*) desc limit 1",
            Integer.class, acme.companyId()))
        .isEqualTo(1);
    assertThat(poller.poll(channelId)).isEqualTo(new MailboxPoller.PollResult(0, 0, 0, 0, null));
  }

  @Test
  void aCrashBetweenCommitAndMarkDoesNotDuplicate() throws Exception {
    deliver(mail().messageId("crash-" + acme.code() + "@initech.example").subject("Before the crash").bytes());
    byte[] withoutId =
        ("From: alice@initech.example\r\nTo: support@acme.example\r\nSubject: no id " + acme.code() + "\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    deliver(withoutId);

    assertThatThrownBy(() -> poller.poll(channelId, uid -> { throw new SimulatedCrash(); })).isInstanceOf(SimulatedCrash.class);
    assertThat(logCount()).isEqualTo(1);
    assertThat(unseen()).isEqualTo(2);

    MailboxPoller.PollResult restarted = poller.poll(channelId);

    assertThat(restarted).isEqualTo(new MailboxPoller.PollResult(1, 1, 0, 0, null));
    assertThat(logCount()).isEqualTo(2);
    assertThat(unseen()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from mailbox_messages where channel_id = ? and marked_at is not null",
        Integer.class, channelId)).isEqualTo(2);

    // the same message delivered again later (and the id-less one again) is only marked
    deliver(mail().messageId("crash-" + acme.code() + "@initech.example").subject("Before the crash").bytes());
    deliver(withoutId);
    assertThat(poller.poll(channelId)).isEqualTo(new MailboxPoller.PollResult(0, 2, 0, 0, null));
    assertThat(logCount()).isEqualTo(2);
  }

  @Test
  void aMailboxMovesProcessedMessagesWhenItHasAProcessedFolder() throws Exception {
    String code = "moved_mail";
    GreenMailUser second = imap.setUser("moved-" + acme.code() + "@acme.example", "moved-" + acme.code(), "mailbox-secret");
    UUID moved = createMailbox(code, second, imap.getImap().getPort(), "Processed");
    second.deliver(mail().messageId("moved-" + acme.code() + "@initech.example").message());

    assertThat(poller.poll(moved).logged()).isEqualTo(1);

    assertThat(imap.getManagers().getImapHostManager().getFolder(second, "INBOX").getMessageCount()).isZero();
    assertThat(imap.getManagers().getImapHostManager().getFolder(second, "Processed").getMessageCount()).isEqualTo(1);
    assertThat(poller.poll(moved).logged()).isZero();
  }

  @Test
  void anUnreachableMailboxRaisesOneAlertAndShowsInHealthUntilItRecovers() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    jdbc.update("update channel_configurations set imap_port = ? where id = ?", closedPort, channelId);
    String admin = tokenFor(acme.admin());
    try {
      MailboxPoller.PollResult failed = poller.poll(channelId);

      assertThat(failed.error()).isNotBlank();
      JsonNode channel = get("/api/channel-configurations/" + channelId, manager).body();
      assertThat(channel.get("mailbox").get("last_poll_error").asText()).isEqualTo(failed.error());
      assertThat(channel.get("mailbox").get("consecutive_poll_failures").asInt()).isEqualTo(1);
      assertThat(health.health().getStatus()).isEqualTo(new Status("DEGRADED"));
      assertThat(health.health().getDetails().get("failing").toString()).contains(acme.code() + "/support_mail");
      assertThat(sendRaw("GET", "/actuator/health", null, null).body().toString()).contains("DEGRADED");
      assertThat(mailboxAlerts(admin)).isEqualTo(1);
      deliverNotifications(acme);
      assertThat(mailsTo(acme.admin().email())).extracting(IntegrationTest::subjectOf)
          .containsExactly("[Activity Flow] Mailbox cannot be reached: support_mail (support_mail)");

      assertThat(poller.poll(channelId).error()).isNotBlank();
      assertThat(mailboxAlerts(admin)).as("one alert per outage, not per poll").isEqualTo(1);
      assertThat(get("/api/channel-configurations/" + channelId, manager).body().get("mailbox").get("consecutive_poll_failures").asInt())
          .isEqualTo(2);

      jdbc.update("update channel_configurations set imap_port = ? where id = ?", imap.getImap().getPort(), channelId);
      assertThat(poller.poll(channelId).error()).isNull();
      JsonNode recovered = get("/api/channel-configurations/" + channelId, manager).body().get("mailbox");
      assertThat(recovered.get("last_poll_error").isNull()).isTrue();
      assertThat(recovered.get("consecutive_poll_failures").asInt()).isZero();
      assertThat(health.health().getDetails().get("failing").toString()).doesNotContain(acme.code() + "/");
    } finally {
      jdbc.update("update channel_configurations set is_active = false where id = ?", channelId);
    }
  }

  @Test
  void wrongCredentialsAreAnOutageToo() {
    jdbc.update("update channel_configurations set imap_username = 'nobody-" + acme.code() + "' where id = ?", channelId);
    try {
      assertThat(poller.poll(channelId).error()).contains("AuthenticationFailed");
    } finally {
      jdbc.update("update channel_configurations set is_active = false where id = ?", channelId);
    }
  }

  @Test
  void repliesFollowTheRulesAndTheAccessPolicy() throws Exception {
    deliver(mail().messageId("r1-" + acme.code() + "@initech.example").bytes());
    poller.poll(channelId);
    String logId = logsByMessageId().get("r1-" + acme.code() + "@initech.example").get("id").asText();
    String rep = tokenFor(acme.rep1());

    Response invalid = post("/api/communication-logs/" + logId + "/reply", rep, Map.of("content", " ", "cc", List.of("not-an-address")));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().toString()).contains("\"field\":\"content\"", "\"field\":\"cc[0]\"");
    assertThat(post("/api/communication-logs/" + logId + "/reply", tokenFor(companies.create().manager()), Map.of("content", "Hi"))
        .status()).isEqualTo(404);
    Response assigned = post("/api/communication-logs/" + logId + "/assign", manager, Map.of("assigned_to_user_id", acme.rep2().id().toString()));
    assertThat(assigned.status()).as(assigned.body().toString()).isEqualTo(200);
    Response readOnly = post("/api/communication-logs/" + logId + "/reply", rep, Map.of("content", "Hi from rep1"));
    assertThat(readOnly.status()).as("a teammate's log is readable, not changeable").isEqualTo(403);
    Response byAssignee = post("/api/communication-logs/" + logId + "/reply", tokenFor(acme.rep2()), Map.of("content", "Hi from rep2"));
    assertThat(byAssignee.status()).as(byAssignee.body().toString()).isEqualTo(201);
    assertThat(byAssignee.body().get("to_addresses").get(0).asText()).isEqualTo("alice@initech.example");

    for (String bad : List.of("{", "{\"content\": {}}", "{\"content\": \"x\", \"to\": \"a@b.example\"}", "{\"contnt\": \"x\"}",
        "[]", "{\"content\": \"x\u0000y\"}")) {
      Response r = sendRaw("POST", "/api/communication-logs/" + logId + "/reply", "Bearer " + rep, bad);
      assertThat(r.status()).as(bad + " => " + r.body()).isEqualTo(400);
    }
    assertThat(post("/api/communication-logs/not-a-uuid/reply", rep, Map.of("content", "Hi")).status()).isEqualTo(400);
    assertThat(post("/api/communication-logs/" + UUID.randomUUID() + "/reply", rep, Map.of("content", "Hi")).status()).isEqualTo(404);

    Map<String, Object> call = new HashMap<>();
    call.put("communication_type", "call");
    call.put("channel", "phone");
    call.put("direction", "inbound");
    call.put("subject", "A call");
    call.put("start_time", "2026-11-20T10:00:00Z");
    call.put("content", "Customer called about the renewal of their contract.");
    Response created = post("/api/communication-logs", rep, call);
    Response notEmail = post("/api/communication-logs/" + created.text("id") + "/reply", rep, Map.of("content", "Hi"));
    assertThat(notEmail.status()).isEqualTo(409);
    assertThat(notEmail.text("error_code")).isEqualTo("not_an_email");
  }

  @Test
  void theScheduleHasOnePollJobPerActiveMailbox() throws Exception {
    schedule.sync();
    org.quartz.Trigger trigger = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey(MailboxSchedule.pollJobKey(channelId).getName(), MailboxSchedule.GROUP));
    assertThat(trigger).isInstanceOf(org.quartz.SimpleTrigger.class);
    assertThat(((org.quartz.SimpleTrigger) trigger).getRepeatInterval()).isEqualTo(30_000L);

    jdbc.update("update channel_configurations set poll_interval_seconds = 120 where id = ?", channelId);
    schedule.sync();
    assertThat(((org.quartz.SimpleTrigger) scheduler.getTrigger(trigger.getKey())).getRepeatInterval()).isEqualTo(120_000L);

    jdbc.update("update channel_configurations set is_active = false where id = ?", channelId);
    schedule.sync();
    assertThat(scheduler.checkExists(MailboxSchedule.pollJobKey(channelId))).isFalse();
  }

  // fixtures

  private UUID createMailboxChannel(String code, int port, String processedFolder) {
    Map<String, Object> request = new HashMap<>();
    request.put("channel_code", code);
    request.put("channel_name", code);
    request.put("channel_type", "email");
    request.put("imap_host", "127.0.0.1");
    request.put("imap_port", port);
    request.put("imap_security", "none");
    request.put("imap_username", "support-" + acme.code());
    request.put("imap_password", "mailbox-secret");
    request.put("mailbox_address", mailboxAddress);
    request.put("poll_interval_seconds", 30);
    if (processedFolder != null) {
      request.put("processed_folder", processedFolder);
    }
    Response created = post("/api/channel-configurations", manager, request);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return UUID.fromString(created.text("id"));
  }

  private UUID createMailbox(String code, GreenMailUser user, int port, String processedFolder) {
    Map<String, Object> request = new HashMap<>();
    request.put("channel_code", code);
    request.put("channel_name", code);
    request.put("channel_type", "email");
    request.put("imap_host", "127.0.0.1");
    request.put("imap_port", port);
    request.put("imap_security", "none");
    request.put("imap_username", user.getLogin());
    request.put("imap_password", "mailbox-secret");
    request.put("mailbox_address", user.getEmail());
    request.put("processed_folder", processedFolder);
    Response created = post("/api/channel-configurations", manager, request);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return UUID.fromString(created.text("id"));
  }

  private String customer(String externalId, String name) {
    Response r = put("/api/customers/by-external-id/" + externalId, manager, Map.of("name", name, "tier", "gold"));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.text("id");
  }

  private void contact(String externalId, String customerExternalId, String firstName, String email) {
    Map<String, Object> body = new HashMap<>();
    body.put("customer_external_id", customerExternalId);
    body.put("first_name", firstName);
    body.put("last_name", "Test");
    body.put("emails", List.of(email));
    Response r = put("/api/contacts/by-external-id/" + externalId, manager, body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
  }

  private void deliver(byte[] raw) throws Exception {
    mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
  }

  private Map<String, JsonNode> logsByMessageId() {
    JsonNode page = get("/api/communication-logs?channel=support_mail&page_size=200", manager).body();
    Map<String, JsonNode> byId = new HashMap<>();
    List<String> seen = new ArrayList<>();
    for (JsonNode item : page.get("items")) {
      String id = item.get("message_id").isNull() ? "none:" + item.get("id").asText() : item.get("message_id").asText();
      assertThat(seen).as("logged once: " + id).doesNotContain(id);
      seen.add(id);
      byId.put(id, item);
    }
    return byId;
  }

  private int logCount() {
    return jdbc.queryForObject("select count(*) from communication_logs where channel_id = ?", Integer.class, channelId);
  }

  private long unseen() throws Exception {
    return imap.getManagers().getImapHostManager().getFolder(mailbox, "INBOX").getMessages().stream()
        .filter(m -> !m.getFlags().contains(Flags.Flag.SEEN))
        .count();
  }

  private int mailboxAlerts(String token) {
    int count = 0;
    for (JsonNode n : get("/api/notifications?page_size=200", token).body().get("items")) {
      if (n.get("type").asText().equals("mailbox_unreachable")) {
        count++;
      }
    }
    return count;
  }

  private static byte[] bytes(MimeMessage message) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }
}
