package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The access matrix (seed 000 section 10.1) as a table: each row is an endpoint and an ownership
 * case, each column a role, each cell allowed or denied. Denied means 403 (role) or 404 (a task
 * the user may not see); allowed means anything else (validation may still answer 400).
 */
class RoleMatrixTest extends IntegrationTest {

  enum Who { OWNER_REP, TEAM_REP, OTHER_TEAM_REP, LEAD, MANAGER, ADMIN }

  record Row(String name, String method, Function<Who, String> path, Object body, Map<Who, Boolean> allowed) {}

  @Test
  void everyRoleGetsExactlyWhatTheMatrixSays() {
    Staff acme = companies.create();
    Map<Who, DirectoryUser> users = new LinkedHashMap<>();
    users.put(Who.OWNER_REP, acme.rep1());
    users.put(Who.TEAM_REP, acme.rep3());
    users.put(Who.OTHER_TEAM_REP, acme.keyAccountManager());
    users.put(Who.LEAD, acme.lead());
    users.put(Who.MANAGER, acme.manager());
    users.put(Who.ADMIN, acme.admin());
    Map<Who, String> tokens = new HashMap<>();
    users.forEach((who, user) -> tokens.put(who, tokenFor(user)));

    String owner = tokens.get(Who.OWNER_REP);
    String publicTask = post("/api/tasks", owner, Map.of("task_title", "public", "task_type", "demo")).text("id");
    String privateTask = post("/api/tasks", owner, Map.of("task_title", "private", "task_type", "demo", "is_public", false)).text("id");
    Map<Who, String> deletable = new HashMap<>();
    for (Who who : Who.values()) {
      deletable.put(who, post("/api/tasks", owner, Map.of("task_title", "to delete by " + who, "task_type", "demo")).text("id"));
    }

    String contact = put("/api/contacts/by-external-id/matrix-" + acme.code(), tokens.get(Who.MANAGER),
        Map.of("first_name", "Matrix", "emails", List.of("matrix@customer.example"))).text("id");

    List<Row> rows = List.of(
        row("read a team task", "GET", w -> "/api/tasks/" + publicTask, null, true, true, false, true, true, true),
        row("read a private task of a colleague", "GET", w -> "/api/tasks/" + privateTask, null, true, false, false, true, true, true),
        row("comment on a team task", "POST", w -> "/api/tasks/" + publicTask + "/comments", Map.of("comment_text", "hi"), true, true, false, true, true, true),
        row("delete a task", "DELETE", w -> "/api/tasks/" + deletable.get(w), null, false, false, false, false, true, true),
        row("configure a status", "PUT", w -> "/api/task-statuses/pending", Map.of("version", 999), false, false, false, false, true, true),
        row("create a template", "POST", w -> "/api/task-templates", Map.of("template_name", "x"), false, false, false, true, true, true),
        row("read templates", "GET", w -> "/api/task-templates", null, true, true, true, true, true, true),
        row("manage webhooks", "GET", w -> "/api/webhooks", null, false, false, false, false, true, true),
        row("export a contact's personal data", "GET", w -> "/api/contacts/" + contact + "/personal-data", null,
            false, false, false, false, true, true),
        row("dry-run retention", "POST", w -> "/api/admin/retention/run?dry_run=true", null, false, false, false, false, true, true),
        row("read the audit trail", "GET", w -> "/api/admin/audit", null, false, false, false, false, false, true),
        row("deploy models", "POST", w -> "/api/admin/models/validate", null, false, false, false, false, false, true),
        row("migrate instances", "POST", w -> "/api/admin/processes/task-lifecycle/migrate", null, false, false, false, false, false, true),
        row("read model pages", "GET", w -> "/api/admin/models/docs", null, false, false, false, false, false, true),
        row("list task series", "GET", w -> "/api/task-series", null, true, true, true, true, true, true),
        row("read own notifications", "GET", w -> "/api/notifications", null, true, true, true, true, true, true),
        row("read a team task's history", "GET", w -> "/api/tasks/" + publicTask + "/history", null, true, true, false, true, true, true),
        row("add a colleague as watcher", "POST", w -> "/api/tasks/" + publicTask + "/watchers",
            Map.of("user_id", acme.rep2().id()), false, false, false, true, true, true),
        row("read a private task's dependencies", "GET", w -> "/api/tasks/" + privateTask + "/dependencies", null,
            true, false, false, true, true, true));

    List<String> mismatches = new ArrayList<>();
    for (Row row : rows) {
      for (Who who : Who.values()) {
        Response r = send(row.method(), row.path().apply(who), tokens.get(who), row.body());
        boolean denied = r.status() == 403 || r.status() == 404 || r.status() == 401;
        if (denied == row.allowed().get(who)) {
          mismatches.add(row.name() + " as " + who + ": expected " + (row.allowed().get(who) ? "allowed" : "denied") + ", got " + r.status());
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  private static Row row(String name, String method, Function<Who, String> path, Object body, boolean... allowed) {
    Map<Who, Boolean> cells = new LinkedHashMap<>();
    for (Who who : Who.values()) {
      cells.put(who, allowed[who.ordinal()]);
    }
    return new Row(name, method, path, body, cells);
  }
}
