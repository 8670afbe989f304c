package com.activityflow.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the benchmark suite: {@code ./mvnw -Pbench verify} (docs/performance.md). Starts the
 * application on the embedded default {@code bench.startups} times (start-up time), keeps the
 * last one, deploys the bare baselines into the same engine, runs the chosen scenarios, prints
 * the table and writes {@code target/bench/results.json} (and {@code results.md}).
 */
public final class BenchmarkSuite {

  /** The scenarios by name, in running order. */
  static final Map<String, Scenario> SCENARIOS =
      List.of(new CreationScenario(), new DecisionScenario(), new EscalationScenario(), new EmailIngestionScenario(),
              new QueryScenario()).stream()
          .collect(Collectors.toMap(Scenario::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));

  private BenchmarkSuite() {}

  public static void main(String[] args) throws Exception {
    Knobs knobs = Knobs.fromSystemProperties();
    for (String name : knobs.scenarios()) {
      if (!SCENARIOS.containsKey(name)) {
        throw new IllegalArgumentException("unknown scenario '" + name + "', known: " + SCENARIOS.keySet());
      }
    }
    Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    Files.createDirectories(out);
    Results results = new Results();
    results.info("started_at", Instant.now().toString());
    results.info("machine", machine());
    results.info("knobs", knobs.asMap());
    long began = System.nanoTime();

    GreenMail mail = startMailServer();
    BenchApp app = null;
    try {
      List<Double> startups = new ArrayList<>();
      for (int i = 0; i < Math.max(1, knobs.startups()); i++) {
        if (app != null) {
          app.close();
        }
        app = BenchApp.start(out.resolve("postgres"), mail);
        startups.add(app.startupSeconds);
        System.out.printf("[bench] start-up %d: %.1f s%n", i + 1, app.startupSeconds);
      }
      results.add(new Results.Row("start-up of the embedded default", "fresh start (PostgreSQL, Flyway, engine, models)",
          "s", Figure.of(startups), null, null, null, null,
          "SpringApplication.run in this JVM with an empty data folder; the first includes class loading"));
      results.info("resident_memory_after_startup_mib", MemorySampler.residentMiB());
      BareModels.deploy(app);
      for (String name : knobs.scenarios()) {
        System.out.println("[bench] scenario " + name);
        long t = System.nanoTime();
        SCENARIOS.get(name).run(app, knobs, results);
        System.out.printf("[bench] scenario %s took %.0f s%n", name, (System.nanoTime() - t) / 1e9);
      }
      results.info("resident_memory_at_end_mib", MemorySampler.residentMiB());
    } finally {
      results.info("duration_seconds", Math.round((System.nanoTime() - began) / 1e9));
      results.info("load_average_at_end", loadAverage());
      results.write(out.resolve("results.json"));
      System.out.println();
      System.out.println(results.table());
      System.out.println("[bench] written " + out.resolve("results.json").toAbsolutePath());
      if (app != null) {
        app.close();
      }
      mail.stop();
    }
    System.exit(0);
  }

  private static GreenMail startMailServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory", firstLine(Path.of("/proc/meminfo")));
    m.put("cpu", cpuModel());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("jvm_max_heap_mib", Runtime.getRuntime().maxMemory() / 1024 / 1024);
    m.put("jvm_arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("load_average_at_start", loadAverage());
    return m;
  }

  private static String loadAverage() {
    return firstLine(Path.of("/proc/loadavg"));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String firstLine(Path file) {
    try {
      return Files.readAllLines(file).get(0).replaceAll("\\s+", " ").strip();
    } catch (IOException | IndexOutOfBoundsException e) {
      return "unknown";
    }
  }
}
