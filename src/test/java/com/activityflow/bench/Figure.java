package com.activityflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One figure over several runs: the median with the smallest and largest run. */
record Figure(double median, double min, double max, int runs) {

  static Figure of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Figure(median, sorted.get(0), sorted.get(n - 1), n);
  }

  /** Percentile (nearest rank) of latencies in nanoseconds, in milliseconds. */
  static double percentileMillis(long[] nanos, double percentile) {
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
  }

  String format() {
    if (runs == 1) {
      return fmt(median);
    }
    return fmt(median) + " [" + fmt(min) + "–" + fmt(max) + "]";
  }

  static String fmt(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(java.util.Locale.ROOT, "%.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
