package com.activityflow.bench;

import com.activityflow.ActivityFlowApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application as a user runs it on the embedded default (profile {@code embedded}: a fresh
 * embedded PostgreSQL, Flyway, the engine, the packaged models, demo data), started in this JVM
 * so that the bare-engine baselines run on the very same engine and database.
 */
final class BenchApp implements AutoCloseable {

  final ConfigurableApplicationContext context;
  final double startupSeconds;
  final int port;
  final ProcessEngine engine;
  final JdbcTemplate jdbc;
  final ObjectMapper json;
  final GreenMail mail;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private BenchApp(ConfigurableApplicationContext context, double startupSeconds, GreenMail mail) {
    this.context = context;
    this.startupSeconds = startupSeconds;
    this.mail = mail;
    this.port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    this.engine = context.getBean(ProcessEngine.class);
    this.jdbc = context.getBean(JdbcTemplate.class);
    this.json = context.getBean(ObjectMapper.class);
  }

  static BenchApp start(Path dataDir, GreenMail mail) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("activityflow.embedded-postgres.data-dir", dataDir.toString());
    properties.put("activityflow.embedded-postgres.port", 0);
    properties.put("activityflow.embedded-postgres.clean-on-start", true);
    // statement counts per request for the profile (docs/performance.md)
    properties.put("activityflow.embedded-postgres.server-config.shared_preload_libraries", "pg_stat_statements");
    properties.put("server.port", 0);
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", mail.getSmtp().getPort());
    properties.put("activityflow.attachments.storage", dataDir.resolveSibling("attachments").toString());
    // the limits (150 requests a minute per rep) would measure the limiter, not the application
    properties.put("activityflow.rate-limit.enabled", false);
    properties.put("logging.level.root", "WARN");
    properties.put("logging.level.org.camunda.bpm.engine.context", "OFF");
    properties.put("spring.main.banner-mode", "off");
    long began = System.nanoTime();
    // as command-line arguments: they win over application.yml (PORT, MAIL_PORT, EMBEDDED_PG_*)
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ActivityFlowApplication.class).profiles("embedded").run(args);
    double seconds = (System.nanoTime() - began) / 1e9;
    return new BenchApp(context, seconds, mail);
  }

  ProcessEngineConfigurationImpl engineConfiguration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /** Wakes the job executor up, as the engine does itself when it creates a job that is due. */
  void hintJobExecutor() {
    engineConfiguration().getJobExecutor().jobWasAdded();
  }

  /**
   * The demo company Acme's customers: the benchmark works as Acme's users, and the demo data
   * also holds the second company Globex, whose customers Acme's users must not reference.
   */
  List<String> acmeCustomerIds() {
    return jdbc.queryForList(
        "select c.id::text from customers c join companies co on co.id = c.company_id where co.code = 'acme'"
            + " order by c.name",
        String.class);
  }

  String token(String username, String password) {
    JsonNode r = call("POST", "/api/auth/token", null, Map.of("username", username, "password", password), 200);
    return r.get("access_token").asText();
  }

  /** An API call that must answer {@code expected}; anything else stops the benchmark. */
  JsonNode call(String method, String path, String token, Object body, int expected) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .header("Accept", "application/json");
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
