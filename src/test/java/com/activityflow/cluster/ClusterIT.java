package com.activityflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Two application nodes (separate JVMs from the packaged jar, different ports) on one
 * PostgreSQL, with GreenMail as their SMTP server: the cluster model of README "Several nodes".
 * Camunda's job executor with database locks is the only coordination; the lock time is short
 * (20 s) so that a killed node's jobs come back quickly.
 *
 * <p>Runs in {@code ./mvnw verify} after {@code package} (failsafe). The nodes log to
 * {@code target/cluster-it/node-*.log}; the figures of the run go to {@code
 * target/cluster-it/report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final int REQUESTER_LIMIT = 10;
  private static final int TASKS = 1_000;
  private static final int TASKS_DURING_KILL = 300;
  private static final Duration LOCK_TIME = Duration.ofSeconds(20);

  private static final Pattern REMINDER = Pattern.compile("^\\[Activity Flow] Reminder: \"(.+)\" is due .*$");
  private static final Pattern ESCALATION = Pattern.compile("^\\[Activity Flow] Escalation: \"(.+)\" is overdue$");
  private static final Pattern ASSIGNED = Pattern.compile(
      "^\\[Activity Flow] (?:Task assigned to you|Unassigned task in your team queue): (.+)$");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> report = new ArrayList<>();

  private Path workDir;
  private EmbeddedPostgres postgres;
  private DataSource db;
  private GreenMail mail;
  private ClusterNode nodeA;
  private ClusterNode nodeB;
  private String managerToken;

  @BeforeAll
  void startCluster() throws Exception {
    Path appJar = Path.of(System.getProperty("cluster.app-jar", "target/activity-flow.jar"));
    assertThat(appJar).as("the packaged application (run after mvn package)").exists();
    workDir = Path.of(System.getProperty("cluster.work-dir", "target/cluster-it")).toAbsolutePath();
    FileSystemUtils.deleteRecursively(workDir);
    Files.createDirectories(workDir);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopNodesQuietly));

    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(workDir.resolve("postgres"))
        .setCleanDataDirectory(true)
        .setServerConfig("max_connections", "200")
        .start();
    db = postgres.getPostgresDatabase();

    try (ServerSocket socket = new ServerSocket(0)) {
      mail = new GreenMail(new ServerSetup(socket.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }
    mail.start();

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("SPRING_PROFILES_ACTIVE", "embedded");
    environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
    environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
    environment.put("SPRING_DATASOURCE_PASSWORD", "");
    environment.put("MAIL_HOST", "127.0.0.1");
    environment.put("MAIL_PORT", Integer.toString(mail.getSmtp().getPort()));
    environment.put("CAMUNDA_BPM_JOB_EXECUTION_LOCK_TIME_IN_MILLIS", Long.toString(LOCK_TIME.toMillis()));
    // an idle node looks for due jobs at least every second (default 5 s): with the default, a
    // node that creates no jobs itself (node B in the kill test) may not get any of a burst the
    // other node finishes within its idle wait, and there would be nothing held to kill it with
    environment.put("CAMUNDA_BPM_JOB_EXECUTION_MAX_WAIT", "1000");
    environment.put("ACTIVITYFLOW_RATE_LIMIT_ENABLED", "true");
    environment.put("ACTIVITYFLOW_RATE_LIMIT_REQUESTER_PER_MINUTE", Integer.toString(REQUESTER_LIMIT));
    environment.put("ACTIVITYFLOW_RATE_LIMIT_ASSIGNEE_PER_MINUTE", "1000000");
    environment.put("ACTIVITYFLOW_ATTACHMENTS_STORAGE", workDir.resolve("attachments").toString());
    environment.put("ACTIVITYFLOW_MODELS_DIR", workDir.resolve("models").toString());
    environment.put("LOGGING_LEVEL_ORG_CAMUNDA_BPM_ENGINE_JOBEXECUTOR", "WARN");
    environment.put("ACTIVITYFLOW_HOUSEKEEPING_INTERVAL", "PT2S");

    Path appJarAbsolute = appJar.toAbsolutePath();
    nodeA = new ClusterNode("node-a", appJarAbsolute, workDir, environment);
    nodeB = new ClusterNode("node-b", appJarAbsolute, workDir, environment);
    // On an empty database one node creates the schema and the demo data first (README)
    nodeA.start();
    awaitHealthy(nodeA);
    nodeB.start();
    awaitHealthy(nodeB);
    managerToken = token(nodeA, "manager1");
  }

  @AfterAll
  void stopCluster() throws Exception {
    Files.write(workDir.resolve("report.txt"), report);
    report.forEach(System.out::println);
    stopNodesQuietly();
    if (mail != null) {
      mail.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(0)
  void aLiveStreamOnOneNodeGetsTheChangesMadeOnTheOtherOnce() throws Exception {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> queryLong(
        "select count(*) from pg_stat_activity where query = 'LISTEN activityflow_live_events'") >= 2);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpResponse<Stream<String>> stream = http.sendAsync(
        HttpRequest.newBuilder(URI.create(nodeA.baseUrl() + "/api/events/stream"))
            .header("Authorization", "Bearer " + managerToken).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
    Thread reader = new Thread(() -> {
      try {
        stream.body().forEach(lines::add);
      } catch (RuntimeException closed) {
        // the test closed the stream
      }
    });
    reader.setDaemon(true);
    reader.start();
    try {
      assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo(":connected");
      String onB = createTasks("SSE-B", 1, Instant.now().plus(Duration.ofDays(7)), List.of(nodeB)).get(0);
      String onA = createTasks("SSE-A", 1, Instant.now().plus(Duration.ofDays(7)), List.of(nodeA)).get(0);
      String idOnA = taskIdOfTitle(onA);
      // every task.created line until node A's own task arrived: node B's came first, once
      List<String> created = new ArrayList<>();
      while (created.stream().noneMatch(d -> d.contains(idOnA))) {
        String line = lines.poll(30, TimeUnit.SECONDS);
        assertThat(line).as("live events within 30 s").isNotNull();
        if (line.equals("event:task.created")) {
          String data = lines.poll(30, TimeUnit.SECONDS);
          while (data != null && !data.startsWith("data:")) { // the event's id line comes between
            data = lines.poll(30, TimeUnit.SECONDS);
          }
          assertThat(data).as("the event's data").isNotNull();
          created.add(data);
        }
      }
      assertThat(created).hasSize(2);
      assertThat(created.get(0)).contains(taskIdOfTitle(onB));
      report.add("live stream on node A: a task created on node B arrived once, before node A's own next task");
    } finally {
      stream.body().close();
    }
  }

  private String taskIdOfTitle(String title) {
    String[] id = new String[1];
    query("select id::text from tasks where task_title = ?", rs -> id[0] = rs.getString(1), title);
    assertThat(id[0]).as("task %s", title).isNotNull();
    return id[0];
  }

  @Test
  @Order(1)
  void aUsersRateLimitIsSharedByBothNodes() throws Exception {
    String rep = token(nodeB, "rep1");
    // counts are per calendar minute: begin early in a minute so the burst stays inside one
    await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(200))
        .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
    String minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
    for (int i = 1; i <= REQUESTER_LIMIT; i++) {
      ClusterNode node = i % 2 == 0 ? nodeA : nodeB;
      HttpResponse<String> ok = send(node, "GET", "/api/tasks?page_size=1", rep, null);
      assertThat(ok.statusCode()).as("request %d on %s", i, node.name()).isEqualTo(200);
      assertThat(ok.headers().firstValue("X-RateLimit-Limit")).contains(Integer.toString(REQUESTER_LIMIT));
      // the count includes the other node's requests
      assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(REQUESTER_LIMIT - i));
    }
    for (ClusterNode node : List.of(nodeB, nodeA)) {
      HttpResponse<String> limited = send(node, "GET", "/api/tasks?page_size=1", rep, null);
      assertThat(limited.statusCode()).as("over the limit on %s", node.name()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
      assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
      assertThat(json.readTree(limited.body()).get("error_code").asText()).isEqualTo("rate_limited");
    }
    assertThat(Instant.now().truncatedTo(ChronoUnit.MINUTES).toString())
        .as("the burst stayed inside one counting minute").isEqualTo(minute);
    report.add("rate limit: " + REQUESTER_LIMIT + " requests alternating over 2 nodes allowed, the next ones 429 on both");
  }

  @Test
  @Order(2)
  void everyReminderAndEscalationFiresOnceAndEveryMailArrivesOnce() throws Exception {
    Instant started = Instant.now();
    // urgent: the policy reminds an hour ahead (already past: fires at once) and escalates when due
    Instant due = Instant.now().plusSeconds(60);
    List<String> titles = createTasks("C1", TASKS, due, List.of(nodeA, nodeB));
    Duration creation = Duration.between(started, Instant.now());

    awaitAllFired("C1", TASKS);
    Duration total = Duration.between(started, Instant.now());

    Map<String, Map<String, Integer>> mails = mailsByKind("C1");
    for (String kind : List.of("reminder", "escalation", "assignment")) {
      assertThat(mails.get(kind).keySet()).as("a %s mail for every task", kind).containsExactlyInAnyOrderElementsOf(titles);
      assertThat(mails.get(kind).values()).as("each %s mail once", kind).containsOnly(1);
    }
    assertEachFiredOnce("C1", TASKS);
    Map<String, Long> jobsPerNode = jobsPerNode();
    assertThat(jobsPerNode).as("both nodes executed jobs").containsOnlyKeys("node-a", "node-b");
    report.add(String.format(
        "%d tasks over 2 nodes: created in %d s, all reminders, escalations and %d mails done after %d s;"
            + " each fired once, each mail once; jobs run per node (timers, mail jobs): %s",
        TASKS, creation.toSeconds(), 3 * TASKS, total.toSeconds(), jobsPerNode));
  }

  @Test
  @Order(3)
  void eachQuartzFiringRunsOnOneNodeOnly() {
    // housekeeping fires every 2 s on the cluster; by now it has run for minutes on two nodes
    String housekeeping = "select count(*) from scheduled_job_runs where job_name like '%platform-housekeeping'";
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> queryLong(housekeeping) >= 10);
    long runs = queryLong(housekeeping);
    assertThat(queryLong("select count(*) from (select job_name, scheduled_fire_time from scheduled_job_runs"
            + " group by 1, 2 having count(*) > 1) twice"))
        .as("scheduled fire times that ran twice").isZero();
    assertThat(queryLong("select count(*) from scheduled_job_runs a join scheduled_job_runs b"
            + " on a.job_name = b.job_name and a.id < b.id"
            + " and a.started_at < coalesce(b.finished_at, now()) and b.started_at < coalesce(a.finished_at, now())"))
        .as("runs of one job that overlapped").isZero();
    assertThat(queryLong("select count(*) from scheduled_job_runs where outcome = 'failed'")).isZero();
    Map<String, Long> perNode = new HashMap<>();
    query("select node, count(*) from scheduled_job_runs group by 1", rs -> perNode.put(rs.getString(1), rs.getLong(2)));
    report.add("Quartz housekeeping every 2 s: " + runs + " runs, none twice, none overlapping; runs per node " + perNode);
  }

  @Test
  @Order(4)
  void killedNodesJobsAreFinishedByTheOtherNode() throws Exception {
    Instant due = Instant.now().plusSeconds(45);
    ExecutorService creator = Executors.newSingleThreadExecutor();
    // created through node A only, so the kill does not fail any request
    Future<List<String>> created = creator.submit(() -> createTasks("C2", TASKS_DURING_KILL, due, List.of(nodeA)));
    try {
      await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> !heldBy("node-b").isEmpty());
      nodeB.kill();
      List<HeldJob> held = heldBy("node-b");
      long heldMailJobs = held.stream().filter(HeldJob::sendsMail).count();
      Instant killedAt = Instant.now();
      // the jobs B held come free when their locks expire; then A runs them
      await().atMost(LOCK_TIME.multipliedBy(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> held.stream().noneMatch(job -> jobExists(job.id())));
      Duration takeover = Duration.between(killedAt, Instant.now());
      List<String> titles = created.get();
      awaitAllFired("C2", TASKS_DURING_KILL);

      Map<String, Map<String, Integer>> mails = mailsByKind("C2");
      int duplicates = 0;
      for (String kind : List.of("reminder", "escalation", "assignment")) {
        assertThat(mails.get(kind).keySet()).as("no %s mail lost", kind).containsExactlyInAnyOrderElementsOf(titles);
        duplicates += mails.get(kind).values().stream().mapToInt(n -> n - 1).sum();
      }
      assertEachFiredOnce("C2", TASKS_DURING_KILL);
      assertThat(duplicates)
          .as("duplicate mails can only come from mail jobs in flight on the killed node")
          .isLessThanOrEqualTo((int) heldMailJobs);
      report.add(String.format(
          "kill -9 of node B while it held %d jobs (%d of them mail jobs): node A had run them %d s after the"
              + " kill (lock time %d s); all %d tasks reminded and escalated once, no mail lost; duplicate mails: %d",
          held.size(), heldMailJobs, takeover.toSeconds(), LOCK_TIME.toSeconds(), TASKS_DURING_KILL, duplicates));
    } finally {
      creator.shutdownNow();
    }
  }

  // --- tasks and outcomes

  private List<String> createTasks(String prefix, int count, Instant due, List<ClusterNode> nodes) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String title = String.format("%s-%04d", prefix, i);
        ClusterNode node = nodes.get(i % nodes.size());
        results.add(clients.submit(() -> {
          Map<String, Object> body = new HashMap<>();
          body.put("task_title", title);
          body.put("task_type", "call");
          body.put("priority", "urgent");
          body.put("due_date", due.toString());
          HttpResponse<String> response = send(node, "POST", "/api/tasks", managerToken, json.writeValueAsString(body));
          if (response.statusCode() != 201) {
            throw new IllegalStateException(title + " on " + node.name() + ": " + response.statusCode() + " " + response.body());
          }
          return title;
        }));
      }
      List<String> titles = new ArrayList<>();
      for (Future<String> result : results) {
        titles.add(result.get());
      }
      return titles;
    } finally {
      clients.shutdownNow();
    }
  }

  /** Every task escalated and no mail job left: all mails handed to the SMTP server. */
  private void awaitAllFired(String prefix, int count) {
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
        .until(() -> escalatedTasks(prefix) == count && pendingMailJobs() == 0);
    assertThat(queryLong("select count(*) from act_ru_incident")).as("no failed jobs").isZero();
  }

  /** Committed history: Camunda's optimistic locking lets only one execution of a job commit. */
  private void assertEachFiredOnce(String prefix, int count) {
    String sql = """
        select t.task_title, t.escalation_level,
               count(*) filter (where a.act_id_ = 'Task_SendReminder' and a.end_time_ is not null) reminders,
               count(*) filter (where a.act_id_ = 'Task_EscalateTask' and a.end_time_ is not null) escalations
          from tasks t
          join act_hi_procinst p on p.business_key_ = t.id::text and p.proc_def_key_ = 'task-lifecycle'
          join act_hi_actinst a on a.proc_inst_id_ = p.id_
         where t.task_title like ?
         group by t.task_title, t.escalation_level""";
    Map<String, String> outcome = new HashMap<>();
    query(sql, rs -> outcome.put(rs.getString(1), rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4)), prefix + "-%");
    assertThat(outcome).hasSize(count);
    assertThat(outcome.values()).as("escalation level / reminders / escalations per task").containsOnly("1/1/1");
  }

  private long escalatedTasks(String prefix) {
    return queryLong("select count(*) from tasks where task_title like ? and escalation_level > 0", prefix + "-%");
  }

  private long pendingMailJobs() {
    return queryLong("select count(*) from act_ru_job where process_def_key_ = 'notification-delivery'");
  }

  /** Mails per kind (reminder, escalation, assignment) and task title, for titles with the prefix. */
  private Map<String, Map<String, Integer>> mailsByKind(String prefix) throws Exception {
    Map<String, Map<String, Integer>> byKind = new ConcurrentHashMap<>();
    for (String kind : List.of("reminder", "escalation", "assignment")) {
      byKind.put(kind, new HashMap<>());
    }
    for (MimeMessage message : mail.getReceivedMessages()) {
      String subject = message.getSubject();
      for (Map.Entry<String, Pattern> kind :
          Map.of("reminder", REMINDER, "escalation", ESCALATION, "assignment", ASSIGNED).entrySet()) {
        Matcher matcher = kind.getValue().matcher(subject);
        if (matcher.matches() && matcher.group(1).startsWith(prefix + "-")) {
          byKind.get(kind.getKey()).merge(matcher.group(1), 1, Integer::sum);
        }
      }
    }
    return byKind;
  }

  record HeldJob(String id, String processKey) {
    boolean sendsMail() {
      return "notification-delivery".equals(processKey);
    }
  }

  private List<HeldJob> heldBy(String node) {
    List<HeldJob> held = new ArrayList<>();
    query("select id_, process_def_key_ from act_ru_job where lock_owner_ like ?",
        rs -> held.add(new HeldJob(rs.getString(1), rs.getString(2))), node + ":%");
    return held;
  }

  private boolean jobExists(String id) {
    return queryLong("select count(*) from act_ru_job where id_ = ?", id) > 0;
  }

  /** Jobs whose execution each node committed, from the job log. */
  private Map<String, Long> jobsPerNode() {
    Map<String, Long> perNode = new HashMap<>();
    // job state 2: successful
    query("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by 1",
        rs -> perNode.put(rs.getString(1), rs.getLong(2)));
    return perNode;
  }

  // --- HTTP, database, lifecycle

  private String token(ClusterNode node, String user) throws Exception {
    HttpResponse<String> response = send(node, "POST", "/api/auth/token", null,
        json.writeValueAsString(Map.of("username", user, "password", user)));
    assertThat(response.statusCode()).as("login of %s: %s", user, response.body()).isEqualTo(200);
    return json.readTree(response.body()).get("access_token").asText();
  }

  private HttpResponse<String> send(ClusterNode node, String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitHealthy(ClusterNode node) {
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> node.healthy(http));
  }

  interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  private void query(String sql, RowHandler handler, Object... parameters) {
    try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private long queryLong(String sql, Object... parameters) {
    long[] value = new long[1];
    query(sql, rs -> value[0] = rs.getLong(1), parameters);
    return value[0];
  }

  private void stopNodesQuietly() {
    for (ClusterNode node : new ClusterNode[] {nodeA, nodeB}) {
      try {
        if (node != null) {
          node.kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
