package com.activityflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one benchmark run: printed as a table and written as JSON. */
final class Results {

  /**
   * One line of the table. {@code baseline} is the bare engine measured in the same run (null
   * where there is none); {@code goal} the target as text and {@code met} whether this run
   * reached it (null where there is no goal).
   */
  record Row(
      String scenario, String metric, String unit, Figure app, String baselineName, Figure baseline,
      String goal, Boolean met, String note) {

    Double ratio() {
      return baseline == null || baseline.median() == 0 ? null : app.median() / baseline.median();
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> info = new LinkedHashMap<>();

  void add(Row row) {
    rows.add(row);
    System.out.println("[bench] " + row.scenario() + " / " + row.metric() + ": " + row.app().format() + " " + row.unit()
        + (row.baseline() == null ? "" : "  (baseline " + row.baseline().format() + ")"));
  }

  void info(String key, Object value) {
    info.put(key, value);
  }

  private final List<Map<String, Object>> profiles = new ArrayList<>();

  /** An SQL profile ({@link SqlProfile}) of one operation, written beside the figures. */
  void profile(Map<String, Object> profile) {
    profiles.add(profile);
  }

  List<Row> rows() {
    return rows;
  }

  String table() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"scenario", "metric", "app: median [min–max]", "bare engine: median [min–max]", "app/bare", "goal", "met"});
    for (Row r : rows) {
      lines.add(
          new String[] {
            r.scenario(),
            r.metric() + " (" + r.unit() + ")",
            r.app().format(),
            r.baseline() == null ? "—" : r.baselineName() + ": " + r.baseline().format(),
            r.ratio() == null ? "—" : Math.round(r.ratio() * 100) + "%",
            r.goal() == null ? "—" : r.goal(),
            r.met() == null ? "—" : r.met() ? "yes" : "NO"
          });
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : lines) {
      out.append("| ").append(String.join(" | ", line)).append(" |\n");
      if (line == lines.get(0)) {
        out.append("|").append(" --- |".repeat(line.length)).append("\n");
      }
    }
    return out.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("info", info);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scenario", r.scenario());
      m.put("metric", r.metric());
      m.put("unit", r.unit());
      m.put("app", r.app());
      m.put("baseline_name", r.baselineName());
      m.put("baseline", r.baseline());
      m.put("ratio", r.ratio());
      m.put("goal", r.goal());
      m.put("met", r.met());
      m.put("note", r.note());
      list.add(m);
    }
    doc.put("results", list);
    doc.put("sql_profiles", profiles);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    Files.writeString(file.resolveSibling("results.md"), table());
  }
}
