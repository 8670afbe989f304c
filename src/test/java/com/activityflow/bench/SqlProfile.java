package com.activityflow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one operation costs in SQL: {@code pg_stat_statements} over a window of sequential
 * operations, divided by their number. Everything the database ran in the window counts,
 * including the job executor's acquisition and the asynchronous mail jobs the operations queued
 * (the share of asynchronous work of one operation).
 */
final class SqlProfile {

  private SqlProfile() {}

  static Map<String, Object> measure(BenchApp app, String name, int operations, Load.Operation operation) {
    app.jdbc.execute("create extension if not exists pg_stat_statements");
    app.jdbc.queryForList("select pg_stat_statements_reset()");
    Load.run(1, operations, operation);
    String own = " and query not like '%pg_stat_statements%' and query not ilike 'create extension%'";
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("operation", name);
    profile.put("operations", operations);
    Double total = app.jdbc.queryForObject(
        "select coalesce(sum(calls), 0)::float from pg_stat_statements where true" + own, Double.class);
    profile.put("statements_per_operation", round(total / operations));
    List<Map<String, Object>> byKind = app.jdbc.queryForList(
        "select lower(split_part(ltrim(query), ' ', 1)) as kind, round(sum(calls)::numeric / ?, 1) as per_operation,"
            + " round(sum(total_exec_time)::numeric / ?, 2) as ms_per_operation"
            + " from pg_stat_statements where true" + own + " group by 1 order by 2 desc", operations, operations);
    profile.put("by_kind", byKind);
    List<Map<String, Object>> top = app.jdbc.queryForList(
        "select round(calls::numeric / ?, 2) as per_operation, round(total_exec_time::numeric / ?, 3) as ms_per_operation,"
            + " left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query"
            + " from pg_stat_statements where true" + own + " order by calls desc limit 25", operations, operations);
    profile.put("top_statements", top);
    System.out.println("[bench] profile " + name + ": " + profile.get("statements_per_operation")
        + " statements per operation " + byKind);
    return profile;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
