package com.activityflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
