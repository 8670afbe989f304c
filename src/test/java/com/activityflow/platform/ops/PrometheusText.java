package com.activityflow.platform.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples from the Prometheus text format that /actuator/prometheus answers. */
final class PrometheusText {

  private PrometheusText() {}

  /** The sample of {@code metric} whose labels include {@code label="value"} (the unlabelled one when label is null); 0 if absent. */
  static double value(String scrape, String metric, String label, String labelValue) {
    Matcher m = samples(metric).matcher(scrape);
    while (m.find()) {
      String labels = m.group(1) == null ? "" : m.group(1);
      if (label == null || labels.contains(label + "=\"" + labelValue + "\"")) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  /** The sum of all samples of {@code metric}, whatever their labels. */
  static double sum(String scrape, String metric) {
    Matcher m = samples(metric).matcher(scrape);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(2));
    }
    return total;
  }

  /** Whether the scrape has the metric at all. */
  static boolean has(String scrape, String metric) {
    return samples(metric).matcher(scrape).find();
  }

  private static Pattern samples(String metric) {
    return Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*\\})?\\s+(\\S+)$", Pattern.MULTILINE);
  }
}
