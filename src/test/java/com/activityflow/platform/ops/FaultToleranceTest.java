package com.activityflow.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.activityflow.support.AppProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * Faults of the services the application depends on, against the real application in a JVM of
 * its own (the shared test context's database and mail server stay untouched): a PostgreSQL that
 * this test owns and restarts, and a GreenMail SMTP server that it stops for 60 seconds. The app
 * runs its production settings (job executor on, default notification retry cycle) and writes
 * JSON logs (ECS), which the test reads back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultToleranceTest {

  private static final Path WORK = Path.of("target", "fault-tolerance");
  private static final Duration SMTP_OUTAGE = Duration.ofSeconds(60);
  private static final int NOTIFICATIONS = 1000;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private int postgresPort;
  private EmbeddedPostgres postgres;
  private int smtpPort;
  private GreenMail mail;
  private AppProcess app;

  @BeforeAll
  void startDatabaseMailAndApplication() throws IOException {
    FileSystemUtils.deleteRecursively(WORK);
    Files.createDirectories(WORK);
    postgresPort = AppProcess.freePort();
    postgres = startPostgres();
    smtpPort = AppProcess.freePort();
    mail = startMail();
    app =
        AppProcess.start(
            Map.ofEntries(
                Map.entry("spring.profiles.active", "embedded"),
                Map.entry("spring.datasource.url", "jdbc:postgresql://localhost:" + postgresPort + "/postgres"),
                Map.entry("spring.datasource.username", "postgres"),
                Map.entry("spring.mail.host", "127.0.0.1"),
                Map.entry("spring.mail.port", Integer.toString(smtpPort)),
                Map.entry("activityflow.rate-limit.requester-per-minute", "100000"),
                Map.entry("activityflow.rate-limit.assignee-per-minute", "100000"),
                Map.entry("activityflow.attachments.storage", WORK.resolve("attachments").toString()),
                Map.entry("activityflow.webhooks.dispatcher.enabled", "false")),
            Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"),
            WORK.resolve("app.log"),
            Duration.ofMinutes(6));
  }

  @AfterAll
  void stopEverything() throws IOException {
    if (app != null) {
      app.close();
    }
    if (mail != null) {
      mail.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private EmbeddedPostgres startPostgres() throws IOException {
    // the data directory is kept across the restart, like a real server's
    return EmbeddedPostgres.builder()
        .setDataDirectory(WORK.resolve("postgres"))
        .setCleanDataDirectory(false)
        .setPort(postgresPort)
        .start();
  }

  private GreenMail startMail() {
    GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aDatabaseRestartUnderLoadAnswers503WithRetryAfterAndLosesNoAcknowledgedTask() throws Exception {
    String token = token("rep1");
    ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int client = 0; client < 4; client++) {
      int c = client;
      running.add(
          clients.submit(
              () -> {
                for (int i = 0; i < 5000 && !stop.get() && Instant.now().isBefore(deadline); i++) {
                  attempts.add(createTask(token, "Load " + c + "-" + i));
                }
                return null;
              }));
    }
    try {
      await("tasks created before the restart").atMost(Duration.ofMinutes(2)).until(() -> count(attempts, 201) >= 20);

      postgres.close(); // fast shutdown: open connections are cut, new ones refused
      long createdBeforeOutage = count(attempts, 201);
      await("requests refused during the outage").atMost(Duration.ofMinutes(1)).until(() -> count(attempts, 503) >= 10);
      HttpResponse<String> engineRest = send(
          HttpRequest.newBuilder(URI.create(app.url("/engine-rest/task/count")))
              .header("Authorization", basic("admin"))
              .GET());
      postgres = startPostgres();

      await("the application recovers by itself")
          .atMost(Duration.ofMinutes(2))
          .until(() -> count(attempts, 201) >= createdBeforeOutage + 20);
      stop.set(true);
      for (Future<?> client : running) {
        client.get(1, TimeUnit.MINUTES);
      }

      // engine REST: the login could not read the directory, which is not a wrong password
      assertThat(engineRest.statusCode()).isEqualTo(503);
      assertThat(engineRest.headers().firstValue("Retry-After")).contains("5");

      // only successes and 503s; every 503 is a problem detail telling when to retry
      Map<Integer, Long> byStatus = attempts.stream().collect(Collectors.groupingBy(Attempt::status, Collectors.counting()));
      assertThat(byStatus.keySet()).as("statuses %s", byStatus).containsOnly(201, 503);
      List<Attempt> refused = attempts.stream().filter(a -> a.status() == 503).toList();
      assertThat(refused).allSatisfy(a -> {
        assertThat(a.retryAfter()).isEqualTo("5");
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.errorCode()).isEqualTo("database_unavailable");
      });

      // every acknowledged creation survived the restart
      List<String> acknowledged = attempts.stream().filter(a -> a.status() == 201).map(Attempt::taskId).toList();
      for (String id : acknowledged) {
        assertThat(send(get("/api/tasks/" + id, token)).statusCode()).as("task %s", id).isEqualTo(200);
      }

      // the JSON log names the request id of a refused request
      List<String> refusedIds = refused.stream().map(Attempt::requestId).toList();
      List<JsonNode> logLines = jsonLogLines();
      assertThat(logLines).anySatisfy(line -> {
        assertThat(line.path("log").path("level").asText()).isEqualTo("WARN");
        assertThat(refusedIds).contains(line.path("request_id").asText());
      });
    } finally {
      stop.set(true);
      clients.shutdownNow();
    }
  }

  @Test
  void anSmtpOutageOf60SecondsLosesAndDoublesNoNotification() throws Exception {
    String token = token("rep1");
    String runId = UUID.randomUUID().toString().substring(0, 8);
    // hold the mails back while the 1,000 tasks are created, so that all of them fall due together
    suspendNotificationJobs(true);
    AtomicInteger failedCreations = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        int c = client;
        running.add(clients.submit(() -> {
          for (int i = c; i < NOTIFICATIONS; i += 4) {
            if (createTask(token, "Mail " + runId + " #" + i).status() != 201) {
              failedCreations.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> client : running) {
        client.get(15, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(failedCreations).hasValue(0);
    assertThat(notificationJobs()).isGreaterThanOrEqualTo(NOTIFICATIONS);

    mail.stop();
    Instant outageStart = Instant.now();
    suspendNotificationJobs(false);
    // the job executor tries and fails while the server is away
    await("sends failing during the outage")
        .atMost(SMTP_OUTAGE)
        .until(() -> PrometheusText.sum(scrape(), "activityflow_notifications_failed_total") > 0);
    await("end of the 60 s outage").atMost(SMTP_OUTAGE.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> Duration.between(outageStart, Instant.now()).compareTo(SMTP_OUTAGE) >= 0);
    mail = startMail();

    String prefix = "[Activity Flow] ";
    await("every notification delivered after the outage")
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> mailsOfRun(runId).size() >= NOTIFICATIONS && notificationJobs() == 0);

    Map<String, Long> perRecipientAndSubject = new HashMap<>();
    for (MimeMessage message : mailsOfRun(runId)) {
      for (Address to : message.getAllRecipients()) {
        perRecipientAndSubject.merge(to + " | " + message.getSubject(), 1L, Long::sum);
      }
    }
    assertThat(perRecipientAndSubject).hasSize(NOTIFICATIONS);
    assertThat(perRecipientAndSubject.values()).containsOnly(1L);
    assertThat(perRecipientAndSubject.keySet())
        .allSatisfy(key -> assertThat(key).contains(prefix).contains("Mail " + runId + " #"));
    assertThat(IntStream.range(0, NOTIFICATIONS).mapToObj(i -> "Mail " + runId + " #" + i))
        .allSatisfy(title -> assertThat(perRecipientAndSubject.keySet()).anySatisfy(key -> assertThat(key).endsWith(": " + title)));
    assertThat(count("/engine-rest/incident/count")).isZero();

    String metrics = scrape();
    assertThat(PrometheusText.sum(metrics, "activityflow_notifications_sent_total")).isGreaterThanOrEqualTo(NOTIFICATIONS);
    assertThat(PrometheusText.sum(metrics, "camunda_job_failed_total")).isPositive();
    assertThat(PrometheusText.sum(metrics, "camunda_job_successful_total")).isGreaterThanOrEqualTo(NOTIFICATIONS);
  }

  // ---------------------------------------------------------------------------------------------

  record Attempt(int status, String taskId, String retryAfter, String contentType, String errorCode, String requestId) {}

  private Attempt createTask(String token, String title) throws IOException, InterruptedException {
    String requestId = "fault-" + UUID.randomUUID();
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(app.url("/api/tasks")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("task_title", title, "task_type", "call")))));
    JsonNode body = response.body().startsWith("{") ? json.readTree(response.body()) : json.nullNode();
    return new Attempt(
        response.statusCode(),
        body.path("id").asText(null),
        response.headers().firstValue("Retry-After").orElse(null),
        response.headers().firstValue("Content-Type").orElse(""),
        body.path("error_code").asText(null),
        requestId);
  }

  private static long count(ConcurrentLinkedQueue<Attempt> attempts, int status) {
    return attempts.stream().filter(a -> a.status() == status).count();
  }

  private String token(String user) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(app.url("/api/auth/token")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("username", user, "password", user)))));
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body()).path("access_token").asText();
  }

  private HttpRequest.Builder get(String path, String token) {
    return HttpRequest.newBuilder(URI.create(app.url(path))).header("Authorization", "Bearer " + token).GET();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private long count(String engineRestPath) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(URI.create(app.url(engineRestPath))).header("Authorization", basic("admin")).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body()).path("count").asLong();
  }

  /** As an operator would in Cockpit: suspends or activates the send jobs of notification-delivery. */
  private void suspendNotificationJobs(boolean suspended) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(app.url("/engine-rest/job-definition/suspended")))
                .header("Authorization", basic("admin"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                    "processDefinitionKey", "notification-delivery", "suspended", suspended, "includeJobs", true)))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }

  private long notificationJobs() throws IOException, InterruptedException {
    return count("/engine-rest/job/count?processDefinitionKey=notification-delivery");
  }

  private String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(app.url("/actuator/prometheus")))
                .header("Authorization", basic("admin"))
                .header("Accept", "text/plain")
                .GET());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private List<MimeMessage> mailsOfRun(String runId) {
    return java.util.Arrays.stream(mail.getReceivedMessages())
        .filter(m -> {
          try {
            return Objects.toString(m.getSubject(), "").contains("Mail " + runId + " #");
          } catch (Exception e) {
            return false;
          }
        })
        .toList();
  }

  private List<JsonNode> jsonLogLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(app.log(), StandardCharsets.UTF_8)) {
      if (line.startsWith("{")) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }
}
