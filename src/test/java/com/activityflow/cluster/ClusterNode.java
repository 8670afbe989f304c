package com.activityflow.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application node: the packaged jar in its own JVM, configured only through environment
 * variables, as an operator would run it (README, "Several nodes"). Its output goes to
 * {@code <work-dir>/<name>.log}.
 */
final class ClusterNode {

  private final String name;
  private final int port;
  private final Path log;
  private final ProcessBuilder builder;
  private Process process;

  ClusterNode(String name, Path appJar, Path workDir, Map<String, String> environment) throws IOException {
    this.name = name;
    this.port = freePort();
    Path home = Files.createDirectories(workDir.resolve(name));
    this.log = workDir.resolve(name + ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseSerialGC", "-jar", appJar.toString()));
    this.builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("ACTIVITYFLOW_CLUSTER_NODE_NAME", name);
  }

  ClusterNode start() throws IOException {
    process = builder.start();
    return this;
  }

  String name() {
    return name;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Up when the process runs and its health endpoint answers 200. */
  boolean healthy(HttpClient http) {
    if (!alive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
    }
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL, as kill -9: no shutdown hook, no rollback sent, locks left in the database. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
