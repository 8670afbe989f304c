package com.activityflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Samples the JVM's resident set size (Linux VmRSS) twice a second while load runs. */
final class MemorySampler {

  private final List<Double> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  private MemorySampler() {
    thread = new Thread(this::sample, "bench-memory");
    thread.setDaemon(true);
  }

  static MemorySampler start() {
    MemorySampler sampler = new MemorySampler();
    sampler.thread.start();
    return sampler;
  }

  private void sample() {
    while (running) {
      double rss = residentMiB();
      synchronized (samples) {
        samples.add(rss);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  Figure stop() {
    running = false;
    thread.interrupt();
    synchronized (samples) {
      if (samples.isEmpty()) {
        samples.add(residentMiB());
      }
      return Figure.of(samples);
    }
  }

  static double residentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: fall back to what the JVM knows
    }
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / 1024.0 / 1024.0;
  }
}
