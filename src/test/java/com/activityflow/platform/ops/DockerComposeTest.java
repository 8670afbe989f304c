package com.activityflow.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as docker compose reads it (YAML anchors and merge keys resolved), checked
 * without docker: the services, their ports, environment, health checks and start order, and
 * the nginx configuration it mounts.
 */
class DockerComposeTest {

  private static Map<String, Object> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = (Map<String, Object>) compose.get("services");
    }
  }

  @Test
  void hasPostgresTwoReplicasNginxAndAMailServer() {
    assertThat(services).containsOnlyKeys("postgres", "app1", "app2", "nginx", "mail");
    assertThat(service("postgres").get("image").toString()).startsWith("postgres:");
    assertThat(service("nginx").get("image").toString()).startsWith("nginx:");
    assertThat(service("mail").get("image").toString()).startsWith("greenmail/standalone:");
  }

  @Test
  void everyServiceHasAHealthCheck() {
    services.keySet().forEach(name -> {
      Map<String, Object> healthcheck = map(service(name), "healthcheck");
      assertThat(healthcheck).as(name).containsKeys("test", "interval", "retries");
      assertThat(healthcheck.get("test").toString()).as(name).isNotBlank();
    });
    assertThat(map(service("app1"), "healthcheck").get("test").toString()).contains("/actuator/health/readiness");
  }

  @Test
  void bothReplicasRunTheSameConfigurationAgainstTheComposeDatabaseAndMailServer() {
    Map<String, Object> app1 = map(service("app1"), "environment");
    Map<String, Object> app2 = map(service("app2"), "environment");
    assertThat(app1).isEqualTo(app2);
    assertThat(app1)
        .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/activityflow")
        .containsEntry("MAIL_HOST", "mail")
        .containsEntry("MAIL_PORT", "3025")
        .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native")
        .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
        .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "ACTIVITYFLOW_ATTACHMENTS_STORAGE");
    assertThat(service("app1").get("volumes")).isEqualTo(service("app2").get("volumes"));
    // only nginx is published; the replicas are reached through it
    assertThat(service("app1")).doesNotContainKey("ports");
    assertThat(service("app2")).doesNotContainKey("ports");
  }

  @Test
  void startsInOrderDatabaseAndMailThenOneReplicaThenTheOtherThenNginx() {
    assertThat(map(service("app1"), "depends_on")).containsOnlyKeys("postgres", "mail");
    assertThat(map(service("app2"), "depends_on")).containsOnlyKeys("app1");
    assertThat(map(service("nginx"), "depends_on")).containsOnlyKeys("app1", "app2");
    for (String name : List.of("app1", "app2", "nginx")) {
      map(service(name), "depends_on")
          .values()
          .forEach(condition -> assertThat(condition).isEqualTo(Map.of("condition", "service_healthy")));
    }
  }

  @Test
  void publishesNginxSmtpAndImap() {
    assertThat(list(service("nginx"), "ports")).containsExactly("8080:80");
    assertThat(list(service("mail"), "ports")).containsExactlyInAnyOrder("3025:3025", "3143:3143");
    assertThat(map(service("mail"), "environment").get("GREENMAIL_OPTS").toString())
        .contains("greenmail.setup.test.smtp", "greenmail.setup.test.imap", "greenmail.hostname=0.0.0.0");
  }

  @Test
  void nginxBalancesBothReplicasAndKeepsWebappSessionsOnOne() throws IOException {
    assertThat(list(service("nginx"), "volumes")).containsExactly("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
    String nginx = Files.readString(Path.of("deploy/nginx.conf"));
    assertThat(nginx)
        .contains("server app1:8080", "server app2:8080", "ip_hash;", "location /api/", "location /engine-rest/",
            "proxy_buffering off", "location = /nginx-health");
    assertThat(nginx.chars().filter(c -> c == '{').count()).isEqualTo(nginx.chars().filter(c -> c == '}').count());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    return (Map<String, Object>) services.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String key) {
    return (List<Object>) parent.get(key);
  }
}
