package com.activityflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The live stream over real HTTP: events after commit, each user only those of tasks it may see. */
class EventStreamTest extends IntegrationTest {

  /** One server-sent event (or a comment line, as {@code :text}). */
  record Sse(String name, String data) {}

  /** A connected stream read by a real HTTP client on its own thread. */
  final class LiveStream implements AutoCloseable {
    final BlockingQueue<Sse> received = new LinkedBlockingQueue<>();
    final HttpResponse<Stream<String>> response;
    final Thread reader;

    LiveStream(String token) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/stream"))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "text/event-stream")
              .GET()
              .build();
      response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
      reader =
          new Thread(
              () -> {
                String name = null;
                StringBuilder data = new StringBuilder();
                try {
                  for (String line : (Iterable<String>) response.body()::iterator) {
                    if (line.startsWith(":")) {
                      received.add(new Sse(line, null));
                    } else if (line.startsWith("event:")) {
                      name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                      data.append(line.substring(5));
                    } else if (line.isEmpty() && name != null) {
                      received.add(new Sse(name, data.toString()));
                      name = null;
                      data.setLength(0);
                    }
                  }
                } catch (RuntimeException closed) {
                  // the test closed the stream
                }
              });
      reader.setDaemon(true);
      reader.start();
      Sse first = next();
      assertThat(first.name()).isEqualTo(":connected");
    }

    /** The next event (heartbeats skipped), failing after ten seconds without one. */
    Sse next() throws InterruptedException {
      while (true) {
        Sse e = received.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        if (!e.name().equals(":heartbeat")) {
          return e;
        }
      }
    }

    JsonNode nextData(String expectedName) throws Exception {
      Sse e = next();
      assertThat(e.name()).isEqualTo(expectedName);
      return json.readTree(e.data());
    }

    @Override
    public void close() {
      response.body().close();
    }
  }

  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<LiveStream> open = new ArrayList<>();

  private LiveStream connect(String token) throws Exception {
    LiveStream s = new LiveStream(token);
    open.add(s);
    return s;
  }

  @AfterEach
  void closeStreams() {
    open.forEach(LiveStream::close);
  }

  private String createdTask(String token, String title, String type) {
    Response r = post("/api/tasks", token, Map.of("task_title", title, "task_type", type));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.text("id");
  }

  @Test
  void deliversTaskEventsAfterCommitWithSnakeCasePayload() throws Exception {
    Staff acme = companies.create();
    String rep1 = tokenFor(acme.rep1());
    LiveStream stream = connect(rep1);

    String taskId = createdTask(rep1, "Live demo", "demo");
    JsonNode created = stream.nextData("task.created");
    assertThat(created.get("type").asText()).isEqualTo("task.created");
    assertThat(created.get("task_id").asText()).isEqualTo(taskId);
    assertThat(created.get("occurred_at").asText()).isNotBlank();
    assertThat(created.get("data").get("status").asText()).isEqualTo("pending");
    JsonNode assigned = stream.nextData("task.assigned");
    assertThat(assigned.get("data").get("assigned_to_user_id").asText()).isEqualTo(acme.rep2().id().toString());

    Response comment = post("/api/tasks/" + taskId + "/comments", rep1, Map.of("comment_text", "On my way"));
    JsonNode commented = stream.nextData("task.comment_added");
    assertThat(commented.get("data").get("comment_id").asText()).isEqualTo(comment.text("id"));

    long version = get("/api/tasks/" + taskId, rep1).body().get("version").asLong();
    assertThat(put("/api/tasks/" + taskId, rep1, Map.of("version", version, "status", "in_progress")).status()).isEqualTo(200);
    JsonNode changed = stream.nextData("task.status_changed");
    assertThat(changed.get("data").get("new_status").asText()).isEqualTo("in_progress");
  }

  @Test
  void aRolledBackChangeIsNeverAnnounced() throws Exception {
    Staff acme = companies.create();
    String rep1 = tokenFor(acme.rep1());
    LiveStream stream = connect(rep1);
    Map<String, Object> forRep3 = Map.of("task_title", "For rep3", "task_type", "demo", "assigned_to_user_id", acme.rep3().id());
    // rep3's capacity is 2: the third creation publishes task.created, then fails and rolls back
    String first = post("/api/tasks", rep1, forRep3).text("id");
    assertThat(post("/api/tasks", rep1, forRep3).status()).isEqualTo(201);
    assertThat(post("/api/tasks", rep1, forRep3).status()).isEqualTo(409);
    post("/api/tasks/" + first + "/comments", rep1, Map.of("comment_text", "after the refusal"));

    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      names.add(stream.next().name());
    }
    assertThat(names)
        .containsExactly("task.created", "task.assigned", "task.created", "task.assigned", "task.comment_added");
  }

  @Test
  void eachUserGetsOnlyEventsOfTasksItMaySee() throws Exception {
    Staff acme = companies.create();
    Staff globex = companies.create();
    String rep1 = tokenFor(acme.rep1());
    String lead = tokenFor(acme.lead());
    String kam = tokenFor(acme.keyAccountManager());
    String globexManager = tokenFor(globex.manager());
    LiveStream rep1Stream = connect(rep1);
    LiveStream leadStream = connect(lead);
    LiveStream kamStream = connect(kam);
    LiveStream globexStream = connect(globexManager);

    String salesTask = createdTask(rep1, "Sales team demo", "demo");
    assertThat(rep1Stream.nextData("task.created").get("task_id").asText()).isEqualTo(salesTask);
    assertThat(leadStream.nextData("task.created").get("task_id").asText()).isEqualTo(salesTask);

    // kam (a rep of another team) and another company's manager do not get it: the first event
    // each of them receives is of its own next task
    String kamTask = createdTask(kam, "Key account call", "call");
    assertThat(kamStream.nextData("task.created").get("task_id").asText()).isEqualTo(kamTask);
    String globexTask = createdTask(globexManager, "Globex call", "call");
    assertThat(globexStream.nextData("task.created").get("task_id").asText()).isEqualTo(globexTask);
  }

  /** Waits until this node's listener session is listening on the cluster channel. */
  private void awaitClusterListener() {
    await("a session listening on activityflow_live_events").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database()"
            + " and query = 'LISTEN activityflow_live_events'", Long.class), n -> n != null && n > 0);
  }

  @Test
  void eventsCommittedOnAnotherNodeReachTheStreamsOfThisOneForThoseWhoMaySeeThem() throws Exception {
    Staff acme = companies.create();
    Staff globex = companies.create();
    String manager = tokenFor(acme.manager());
    String globexManager = tokenFor(globex.manager());
    LiveStream stream = connect(manager);
    LiveStream globexStream = connect(globexManager);
    String taskId = createdTask(manager, "Seen on every node", "call");
    assertThat(stream.nextData("task.created").get("task_id").asText()).isEqualTo(taskId);
    stream.nextData("task.assigned");
    awaitClusterListener();

    // another node committed a change of this task and announced it (the cluster channel's format)
    Map<String, Object> event = Map.of("type", "task.status_changed", "task_id", taskId, "company_id", acme.companyId().toString(),
        "occurred_at", "2030-01-01T10:00:00Z", "data", Map.of("old_status", "pending", "new_status", "in_progress"));
    jdbc.queryForList("select pg_notify('activityflow_live_events', ?)", json.writeValueAsString(Map.of("origin", "node-b", "task", event)));
    jdbc.queryForList("select pg_notify('activityflow_live_events', ?)", "not json");

    JsonNode remote = stream.nextData("task.status_changed");
    assertThat(remote.get("task_id").asText()).isEqualTo(taskId);
    assertThat(remote.get("occurred_at").asText()).isEqualTo("2030-01-01T10:00:00Z");
    assertThat(remote.get("data").get("new_status").asText()).isEqualTo("in_progress");
    // Globex's manager does not get it: the first event it receives is of its own next task
    String globexTask = createdTask(globexManager, "Globex call", "call");
    assertThat(globexStream.nextData("task.created").get("task_id").asText()).isEqualTo(globexTask);
  }

  @Test
  void thisNodesEventsAreAnnouncedToTheOtherNodesAndReachItsOwnStreamsOnce() throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("LISTEN activityflow_live_events");
      PGConnection otherNode = connection.unwrap(PGConnection.class);
      Staff acme = companies.create();
      String manager = tokenFor(acme.manager());
      LiveStream stream = connect(manager);
      String first = createdTask(manager, "First", "call");
      String second = createdTask(manager, "Second", "call");

      List<JsonNode> announced = new ArrayList<>();
      for (int i = 0; i < 100 && announced.stream().filter(a -> a.path("task").path("task_id").asText().equals(second)).count() < 2; i++) {
        PGNotification[] received = otherNode.getNotifications(100);
        for (PGNotification n : received == null ? new PGNotification[0] : received) {
          announced.add(json.readTree(n.getParameter()));
        }
      }
      assertThat(announced).filteredOn(a -> List.of(first, second).contains(a.path("task").path("task_id").asText()))
          .extracting(a -> a.get("task").get("type").asText() + " " + a.get("task").get("task_id").asText())
          .containsExactly("task.created " + first, "task.assigned " + first, "task.created " + second, "task.assigned " + second);
      assertThat(announced).extracting(a -> a.get("origin").asText()).doesNotContainNull().allMatch(o -> !o.isBlank());
      assertThat(announced.get(0).get("task").get("company_id").asText()).isEqualTo(acme.companyId().toString());

      // the node hears its own announcements too and must not send them again
      String marker = createdTask(manager, "Marker", "call");
      List<String> created = new ArrayList<>();
      while (!created.contains(marker)) {
        Sse e = stream.next();
        if (e.name().equals("task.created")) {
          created.add(json.readTree(e.data()).get("task_id").asText());
        }
      }
      assertThat(created).containsExactly(first, second, marker);
      statement.execute("UNLISTEN *");
    }
  }

  @Test
  void requiresAToken() throws IOException, InterruptedException {
    HttpResponse<String> none =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/stream")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(401);
    HttpResponse<String> bad =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/stream"))
                .header("Authorization", "Bearer not-a-token")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(401);
  }
}
