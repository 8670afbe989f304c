package com.activityflow.communication;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.communication.telephony.TelephonyWebhook;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Calls from a telephony provider (C5): signed events, idempotent per call, transcripts later. */
class TelephonyWebhookTest extends IntegrationTest {

  static final String SECRET = "phone-provider-secret";

  @Autowired JdbcTemplate jdbc;

  Staff acme;
  String manager;
  String phoneChannelId;
  String contactId;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    manager = tokenFor(acme.manager());
    JsonNode phone = get("/api/channel-configurations?channel_type=phone", manager).body().get(0);
    phoneChannelId = phone.get("id").asText();
    Map<String, Object> update = new HashMap<>();
    update.put("channel_code", "phone");
    update.put("channel_name", "Phone");
    update.put("channel_type", "phone");
    update.put("webhook_secret", SECRET);
    update.put("version", phone.get("version").asLong());
    Response updated = put("/api/channel-configurations/" + phoneChannelId, manager, update);
    assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
    assertThat(updated.body().get("has_webhook_secret").asBoolean()).isTrue();
    Map<String, Object> contact = new HashMap<>();
    contact.put("customer_id", acme.platinumCustomerId().toString());
    contact.put("first_name", "Carla");
    contact.put("last_name", "Caller");
    contact.put("phones", List.of("+44 20 7946 0018"));
    contactId = put("/api/contacts/by-external-id/carla", manager, contact).body().get("id").asText();
  }

  private HttpResponse<String> post(String channelId, String body, String secret, long timestamp) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/telephony/" + channelId))
              .header("Content-Type", "application/json")
              .header("X-Timestamp", Long.toString(timestamp))
              .header("X-Signature", "sha256=" + TelephonyWebhook.sign(secret, timestamp, bytes))
              .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> signed(String body) {
    return post(phoneChannelId, body, SECRET, Instant.now().getEpochSecond());
  }

  @Test
  void aCallIsLoggedOnceLinkedToTheContactAndCompletedByItsEnd() {
    String started = """
        {"event":"call.started","call_id":"c-1","direction":"inbound","from":"+442079460018","to":"+441000",
         "started_at":"2026-11-20T10:00:00Z","agent_username":"%s","provider_field":"ignored"}""".formatted(acme.rep1().username());
    assertThat(signed(started).statusCode()).isEqualTo(201);
    assertThat(signed(started).statusCode()).isEqualTo(200); // a provider retry changes nothing

    String ended = """
        {"event":"call.ended","call_id":"c-1","ended_at":"2026-11-20T10:12:30Z","disposition":"answered",
         "recording_url":"https://recordings.example/c-1.mp3"}""";
    assertThat(signed(ended).statusCode()).isEqualTo(200);

    JsonNode logs = get("/api/communication-logs?communication_type=call", manager).body();
    assertThat(logs.get("total_count").asInt()).isEqualTo(1);
    JsonNode log = logs.get("items").get(0);
    assertThat(log.get("contact_id").asText()).isEqualTo(contactId);
    assertThat(log.get("customer_id").asText()).isEqualTo(acme.platinumCustomerId().toString());
    assertThat(log.get("subject").asText()).isEqualTo("Call from Carla Caller");
    assertThat(log.get("duration_minutes").asInt()).isEqualTo(12);
    assertThat(log.get("disposition").asText()).isEqualTo("answered");
    assertThat(log.get("recording_url").asText()).isEqualTo("https://recordings.example/c-1.mp3");
    assertThat(log.get("assigned_to_user_id").asText()).isEqualTo(acme.rep1().id().toString());
    assertThat(log.get("has_transcription").asBoolean()).isFalse();
  }

  @Test
  void aTranscriptArrivingLaterFillsTheLogAndRaisesItsEvent() {
    post("/api/webhooks", tokenFor(acme.admin()),
        Map.of("url", "https://crm.example/hooks", "event_types", List.of("communication.transcription_completed")));
    signed("""
        {"event":"call.ended","call_id":"c-2","direction":"outbound","from":"+441000","to":"+442079460018",
         "started_at":"2026-11-20T11:00:00Z","duration_seconds":95,"disposition":"voicemail"}""");
    HttpResponse<String> transcript = signed("""
        {"event":"call.transcript","call_id":"c-2","transcript":"Hello Carla, this is Acme calling back about your order."}""");
    assertThat(transcript.statusCode()).isEqualTo(200);

    JsonNode log = get("/api/communication-logs?communication_type=call", manager).body().get("items").get(0);
    JsonNode detail = get("/api/communication-logs/" + log.get("id").asText() + "?include_transcript=true", manager).body();
    assertThat(detail.get("transcription").asText()).startsWith("Hello Carla");
    assertThat(detail.get("direction").asText()).isEqualTo("outbound");
    assertThat(detail.get("duration_minutes").asInt()).isEqualTo(1);
    assertThat(jdbc.queryForList("select event_type from webhook_deliveries where company_id = ?", String.class, acme.companyId()))
        .containsExactly("communication.transcription_completed");

    HttpResponse<String> unknown = signed("{\"event\":\"call.transcript\",\"call_id\":\"nope\",\"transcript\":\"x\"}");
    assertThat(unknown.statusCode()).isEqualTo(409);
    assertThat(unknown.body()).contains("unknown_call");
  }

  @Test
  void unsignedStaleOrForeignEventsAreRefusedAndBadOnesNamed() {
    String body = "{\"event\":\"call.started\",\"call_id\":\"c-3\",\"from\":\"+4412345\"}";
    assertThat(post(phoneChannelId, body, "wrong-secret", Instant.now().getEpochSecond()).statusCode()).isEqualTo(401);
    assertThat(post(phoneChannelId, body, SECRET, Instant.now().minusSeconds(600).getEpochSecond()).statusCode()).isEqualTo(401);
    // the email channel of the same company is no phone channel
    String emailChannel = get("/api/channel-configurations?channel_type=email", manager).body().get(0).get("id").asText();
    assertThat(post(emailChannel, body, SECRET, Instant.now().getEpochSecond()).statusCode()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select count(*) from communication_logs where company_id = ?", Long.class, acme.companyId())).isZero();

    HttpResponse<String> badDisposition = signed("{\"event\":\"call.ended\",\"call_id\":\"c-4\",\"disposition\":\"exploded\"}");
    assertThat(badDisposition.statusCode()).isEqualTo(400);
    assertThat(badDisposition.body()).contains("\"field\":\"disposition\"");
    HttpResponse<String> noCall = signed("{\"event\":\"call.started\"}");
    assertThat(noCall.body()).contains("\"field\":\"call_id\"");
    assertThat(signed("not json").statusCode()).isEqualTo(400);
  }
}
