package com.activityflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code clients} threads take operations 0..n-1 one after another as fast as
 * they are answered. Any failed operation stops the benchmark (a figure over failures is void).
 */
final class Load {

  interface Operation {
    void run(int index) throws Exception;
  }

  record Run(int operations, double seconds, long[] latencies) {
    double throughput() {
      return operations / seconds;
    }

    double p50() {
      return Figure.percentileMillis(latencies, 50);
    }

    double p99() {
      return Figure.percentileMillis(latencies, 99);
    }
  }

  private Load() {}

  static Run run(int clients, int operations, Operation operation) {
    long[] latencies = new long[operations];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  int i;
                  while (failure.get() == null && (i = next.getAndIncrement()) < operations) {
                    long began = System.nanoTime();
                    operation.run(i);
                    latencies[i] = System.nanoTime() - began;
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-client-" + c);
      threads.add(t);
      t.start();
    }
    long began = System.nanoTime();
    start.countDown();
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("benchmark operation failed: " + failure.get(), failure.get());
    }
    return new Run(operations, seconds, latencies);
  }
}
