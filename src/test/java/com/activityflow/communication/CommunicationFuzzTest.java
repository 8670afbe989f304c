package com.activityflow.communication;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input to every JSON endpoint of the communication module: never a 500, nothing stored. */
class CommunicationFuzzTest extends IntegrationTest {

  private static final String HUGE = "x".repeat(300_000);
  private static final List<String> BODIES = List.of(
      "{", "[]", "null", "\"text\"", "42", "{}", "{\"subject\": null, \"version\": \"1 or 1=1\"}",
      "{\"communication_type\": [\"call\"], \"channel\": {\"a\": 1}, \"start_time\": \"yesterday\"}",
      "{\"communication_type\": \"call\", \"channel\": \"phone\", \"direction\": \"inbound\", \"subject\": \"" + HUGE
          + "\", \"start_time\": \"2026-01-01T00:00:00Z\", \"content\": \"long enough content\"}",
      "{\"communication_type\": \"call\", \"channel\": \"../../etc/passwd\", \"direction\": \"<script>\", \"subject\": \"'; drop table communication_logs; --\","
          + " \"start_time\": \"2030-02-30T25:61:00Z\", \"content\": \"\u0000\u202e\ud83d\ude00 Ünïcödé\"}",
      "{\"sentiment_score\": 1e309, \"key_topics\": [null, \"" + "t".repeat(5000) + "\"], \"category_ids\": [\"not-a-uuid\"]}",
      "{\"assigned_to_user_id\": \"not-a-uuid\", \"notify_assignee\": \"maybe\"}",
      "{\"channel_code\": \"UPPER CASE\", \"channel_name\": \"x\", \"channel_type\": \"fax\", \"imap_port\": 99999, \"api_endpoint\": \"javascript:alert(1)\"}",
      "{\"category_code\": \"../x\", \"category_name\": \"" + HUGE + "\", \"color\": \"red\", \"retention_days\": -4}",
      "{\"name\": \"\", \"tier\": \"diamond\", \"emails\": [\"not an address\"], \"phones\": [\"12\"]}",
      "{\"version\": 0, \"status\": \"closed\", \"end_time\": \"1900-01-01T00:00:00Z\", \"follow_up_status\": \"\\u0000\"}");

  @Test
  void noCommunicationEndpointAnswersBadInputWithAServerError() {
    Staff acme = companies.create();
    String manager = tokenFor(acme.manager());
    JsonNode log = post("/api/communication-logs", manager, Map.of("communication_type", "call", "channel", "phone",
        "direction", "inbound", "subject", "fuzz target", "start_time", "2026-11-20T10:00:00Z",
        "content", "A call that the fuzzer tries to break.")).body();
    String l = "/api/communication-logs/" + log.get("id").asText();
    String category = get("/api/communication-categories", manager).body().get(0).get("id").asText();
    String channel = get("/api/channel-configurations", manager).body().get(0).get("id").asText();
    List<String[]> endpoints = List.of(
        new String[] {"POST", "/api/communication-logs"},
        new String[] {"PUT", l},
        new String[] {"POST", l + "/assign"},
        new String[] {"POST", "/api/communication-categories"},
        new String[] {"PUT", "/api/communication-categories/" + category},
        new String[] {"POST", "/api/channel-configurations"},
        new String[] {"PUT", "/api/channel-configurations/" + channel},
        new String[] {"PUT", "/api/customers/by-external-id/EXT-1"},
        new String[] {"PUT", "/api/contacts/by-external-id/..%2F..%2Fetc"},
        new String[] {"POST", "/hooks/telephony/" + channel});
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
        "/api/communication-logs?page=-1", "/api/communication-logs?page_size=abc", "/api/communication-logs?start_from=never",
        "/api/communication-logs?customer_id=x", "/api/communication-logs?communication_type=%3Cscript%3E",
        "/api/communication-logs/%2e%2e%2f%2e%2e", "/api/communication-attachments/not-a-uuid/content",
        "/api/communication-attachments?page_size=100000", "/api/channel-configurations?channel_type=%00",
        "/api/communication-categories?parent_category_id=1", "/api/contacts?customer_id=" + UUID.randomUUID() + "'",
        "/api/customers?page=0")) {
      Response r = get(path, manager);
      if (r.status() >= 500) {
        serverErrors.add("GET " + path + " => " + r.status() + " " + r.body());
      }
    }
    assertThat(serverErrors).isEmpty();
    assertThat(get("/api/communication-logs", manager).body().get("total_count").asInt()).as("nothing stored by bad input").isEqualTo(1);
  }
}
