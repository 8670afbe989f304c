package com.activityflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.notification.webhook.WebhookDispatcher;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhooks end to end: the API, the transactional outbox and the dispatcher, against a real HTTP
 * receiver that can be made to fail and recover. The dispatcher is driven directly (its schedule
 * is off in tests).
 */
class WebhookTest extends IntegrationTest {

  /** What the receiver got. */
  record Received(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @Autowired WebhookDispatcher dispatcher;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;

  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger answer = new AtomicInteger(204);
  Staff acme;
  String manager;

  @BeforeEach
  void setUp() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    receiver.start();
    acme = companies.create();
    manager = tokenFor(acme.manager());
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private JsonNode subscribe(List<String> eventTypes) {
    Response r = post("/api/webhooks", manager, Map.of("url", hookUrl(), "event_types", eventTypes));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.body();
  }

  private String createdTask(String token, Map<String, Object> body) {
    Response r = post("/api/tasks", token, body);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.text("id");
  }

  private static void assertProblem(Response r, int status, String errorCode, String field) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    assertThat(r.body().get("error_code").asText()).isEqualTo(errorCode);
    if (field != null) {
      assertThat(r.body().get("details")).anySatisfy(d -> assertThat(d.get("field").asText()).isEqualTo(field));
    }
  }

  private static String hmacHex(String body, String secret) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private List<String> typesReceived() {
    return received.stream().map(r -> r.header("X-ActivityFlow-Event")).toList();
  }

  @Test
  void managersManageWebhooksAndTheSecretIsShownOnlyOnce() {
    JsonNode created = subscribe(List.of("task.created", "task.assigned"));
    String id = created.get("id").asText();
    assertThat(created.get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(40);
    assertThat(created.get("active").asBoolean()).isTrue();

    Response one = get("/api/webhooks/" + id, manager);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body().has("secret")).isFalse();
    assertThat(one.body().toString()).doesNotContain(created.get("secret").asText());
    Response list = get("/api/webhooks", manager);
    assertThat(list.body()).hasSize(1);
    assertThat(list.body().get(0).has("secret")).isFalse();

    Response updated = put("/api/webhooks/" + id, manager, Map.of("active", false, "event_types", List.of("task.status_changed")));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().get("active").asBoolean()).isFalse();
    assertThat(updated.body().get("event_types")).hasSize(1);

    assertThat(delete("/api/webhooks/" + id, manager).status()).isEqualTo(204);
    assertProblem(get("/api/webhooks/" + id, manager), 404, "not_found", null);
  }

  @Test
  void refusesInvalidUrlsAndEventTypesNamingTheField() {
    assertProblem(
        post("/api/webhooks", manager, Map.of("url", "ftp://example.com/x", "event_types", List.of("task.created"))),
        400, "invalid_url", "url");
    assertProblem(
        post("/api/webhooks", manager, Map.of("url", "not a url", "event_types", List.of("task.created"))),
        400, "invalid_url", "url");
    assertProblem(
        post("/api/webhooks", manager, Map.of("url", "https:///nohost", "event_types", List.of("task.created"))),
        400, "invalid_url", "url");
    assertProblem(post("/api/webhooks", manager, Map.of("event_types", List.of("task.created"))), 400, "validation_failed", "url");
    assertProblem(
        post("/api/webhooks", manager, Map.of("url", hookUrl(), "event_types", List.of("task.exploded"))),
        400, "unknown_event_type", "event_types");
    assertProblem(post("/api/webhooks", manager, Map.of("url", hookUrl(), "event_types", List.of())), 400, "validation_failed", "event_types");
    String id = subscribe(List.of("task.created")).get("id").asText();
    assertProblem(put("/api/webhooks/" + id, manager, Map.of("url", "javascript:alert(1)")), 400, "invalid_url", "url");
    assertProblem(get("/api/webhooks/" + id + "/deliveries?page_size=0", manager), 400, "validation_failed", "page_size");
  }

  @Test
  void requiresATokenAndAManagerOrAdmin() {
    assertProblem(get("/api/webhooks", null), 401, "unauthorized", null);
    assertProblem(post("/api/webhooks", null, Map.of("url", hookUrl(), "event_types", List.of("task.created"))), 401, "unauthorized", null);
    String rep1 = tokenFor(acme.rep1());
    assertProblem(get("/api/webhooks", rep1), 403, "forbidden", null);
    assertProblem(post("/api/webhooks", rep1, Map.of("url", hookUrl(), "event_types", List.of("task.created"))), 403, "forbidden", null);
  }

  @Test
  void anotherCompanysWebhookDoesNotExist() {
    String id = subscribe(List.of("task.created")).get("id").asText();
    Staff globex = companies.create();
    String globexManager = tokenFor(globex.manager());
    assertProblem(get("/api/webhooks/" + id, globexManager), 404, "not_found", null);
    assertProblem(put("/api/webhooks/" + id, globexManager, Map.of("active", false)), 404, "not_found", null);
    assertProblem(delete("/api/webhooks/" + id, globexManager), 404, "not_found", null);
    assertProblem(get("/api/webhooks/" + id + "/deliveries", globexManager), 404, "not_found", null);
    assertThat(get("/api/webhooks", globexManager).body()).isEmpty();

    // nor do another company's task events reach this company's receiver
    createdTask(globexManager, Map.of("task_title", "Globex call", "task_type", "call"));
    dispatcher.dispatchDue();
    assertThat(received).isEmpty();
  }

  @Test
  void deliveriesAreSignedVerifiablyWithTheSecret() throws Exception {
    JsonNode hook = subscribe(List.of("task.created"));
    String taskId = createdTask(tokenFor(acme.rep1()), Map.of("task_title", "Signed", "task_type", "call"));

    assertThat(dispatcher.dispatchDue()).isGreaterThanOrEqualTo(1);

    assertThat(received).hasSize(1);
    Received r = received.get(0);
    assertThat(r.header("X-ActivityFlow-Signature")).isEqualTo("sha256=" + hmacHex(r.body(), hook.get("secret").asText()));
    JsonNode body = json.readTree(r.body());
    assertThat(body.get("type").asText()).isEqualTo("task.created");
    assertThat(body.get("task_id").asText()).isEqualTo(taskId);
    assertThat(body.get("company_id").asText()).isEqualTo(acme.companyId().toString());
    assertThat(r.header("X-ActivityFlow-Event-Id")).isEqualTo(body.get("id").asText());
    assertThat(Long.parseLong(r.header("X-ActivityFlow-Timestamp")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));

    JsonNode log = get("/api/webhooks/" + hook.get("id").asText() + "/deliveries", manager).body();
    assertThat(log.get("total_count").asLong()).isEqualTo(1);
    JsonNode delivery = log.get("items").get(0);
    assertThat(delivery.get("status").asText()).isEqualTo("delivered");
    assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.get("last_status_code").asInt()).isEqualTo(204);

    // delivered once: another run sends nothing
    dispatcher.dispatchDue();
    assertThat(received).hasSize(1);
  }

  @Test
  void retriesAfterTheReceiverComesBackAndKeepsEachTasksOrder() {
    JsonNode hook = subscribe(List.of("task.created", "task.assigned", "task.status_changed"));
    String rep1 = tokenFor(acme.rep1());
    answer.set(503);
    String taskId = createdTask(rep1, Map.of("task_title", "Ordered", "task_type", "call"));
    long version = get("/api/tasks/" + taskId, rep1).body().get("version").asLong();
    assertThat(put("/api/tasks/" + taskId, rep1, Map.of("version", version, "status", "in_progress")).status()).isEqualTo(200);

    dispatcher.dispatchDue();
    // only the task's first event was tried; the later ones wait behind it
    assertThat(typesReceived()).containsExactly("task.created");
    JsonNode log = get("/api/webhooks/" + hook.get("id").asText() + "/deliveries", manager).body();
    assertThat(log.get("total_count").asLong()).isEqualTo(3);
    JsonNode first = log.get("items").get(2);
    assertThat(first.get("event_type").asText()).isEqualTo("task.created");
    assertThat(first.get("status").asText()).isEqualTo("pending");
    assertThat(first.get("attempts").asInt()).isEqualTo(1);
    assertThat(first.get("last_status_code").asInt()).isEqualTo(503);
    assertThat(Instant.parse(first.get("next_attempt_at").asText())).isAfter(Instant.now());

    // not due yet: nothing is retried before the backoff has passed
    dispatcher.dispatchDue();
    assertThat(received).hasSize(1);

    answer.set(200);
    dispatcher.dispatchDue(Instant.now().plus(Duration.ofHours(2)));
    assertThat(typesReceived())
        .containsExactly("task.created", "task.created", "task.assigned", "task.status_changed");
    assertThat(received.get(1).header("X-ActivityFlow-Event-Id")).isEqualTo(received.get(0).header("X-ActivityFlow-Event-Id"));
    JsonNode after = get("/api/webhooks/" + hook.get("id").asText() + "/deliveries", manager).body();
    assertThat(after.get("items")).allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("delivered"));
    assertThat(after.get("items").get(2).get("attempts").asInt()).isEqualTo(2);
  }

  @Test
  void nothingIsSentForARolledBackChange() {
    JsonNode hook = subscribe(List.of("task.created"));
    String rep1 = tokenFor(acme.rep1());
    Map<String, Object> forRep3 = Map.of("task_title", "For rep3", "task_type", "demo", "assigned_to_user_id", acme.rep3().id());
    // rep3's capacity is 2: the third creation publishes task.created, then fails and rolls back
    createdTask(rep1, forRep3);
    createdTask(rep1, forRep3);
    assertThat(post("/api/tasks", rep1, forRep3).status()).isEqualTo(409);

    dispatcher.dispatchDue();

    assertThat(received).hasSize(2);
    assertThat(get("/api/webhooks/" + hook.get("id").asText() + "/deliveries", manager).body().get("total_count").asLong())
        .isEqualTo(2);
  }

  @Test
  void aRowAnotherNodeHoldsIsNeitherSentTwiceNorOvertaken() throws Exception {
    JsonNode hook = subscribe(List.of("task.created", "task.assigned"));
    createdTask(tokenFor(acme.rep1()), Map.of("task_title", "Claimed elsewhere", "task_type", "call"));
    UUID subscriptionId = UUID.fromString(hook.get("id").asText());

    // "another node" claims the task's first row the way the dispatcher does and keeps it locked
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> otherNode =
        CompletableFuture.runAsync(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      jdbc.queryForList(
                          "select id from webhook_deliveries where subscription_id = ? order by seq limit 1 for update",
                          subscriptionId);
                      locked.countDown();
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

    // this node skips the held row, and the task's later event waits behind it
    dispatcher.dispatchDue();
    assertThat(received).isEmpty();

    release.countDown();
    otherNode.get(10, TimeUnit.SECONDS);
    dispatcher.dispatchDue();
    assertThat(typesReceived()).containsExactly("task.created", "task.assigned");
  }
}
