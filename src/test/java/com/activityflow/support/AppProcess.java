package com.activityflow.support;

import static org.awaitility.Awaitility.await;

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
 * The application in a JVM of its own, started from the test class path, for tests that must
 * break its database or mail server without disturbing the shared test context. Its console
 * goes to a log file the test can read; it is stopped when the test closes it.
 */
public final class AppProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the app with these Spring properties and environment, and waits until it is ready. */
  public static AppProcess start(Map<String, String> properties, Map<String, String> environment, Path log, Duration startTimeout)
      throws IOException {
    int port = freePort();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(classPath);
    command.add("com.activityflow.ActivityFlowApplication");
    command.add("--server.port=" + port);
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    AppProcess app = new AppProcess(builder.start(), port, log);
    try {
      await("application on port " + port + " ready (log: " + log + ")")
          .atMost(startTimeout)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> {
            if (!app.process.isAlive()) {
              throw new IllegalStateException("the application exited; see " + log);
            }
            return app.status("/actuator/health/readiness") == 200;
          });
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public Path log() {
    return log;
  }

  private int status(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
