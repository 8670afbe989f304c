package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TasklistSession;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user of one company cannot start, see, claim or complete anything of another company through
 * engine REST or Tasklist's own REST API, even with every Camunda permission (an admin, hence in
 * camunda-admin) or membership in a group of the same name: only the tenant separates them. (The task API and the
 * live stream: RoleMatrixTest's other-company column and EventStreamTest.)
 */
class TenantIsolationTest extends IntegrationTest {

  /** An approval waiting in company A: the task, its process instance and the business key. */
  record Approval(String taskId, String processInstanceId, String businessKey) {}

  private Approval approvalIn(Staff company) {
    String businessKey =
        post("/api/tasks", tokenFor(company.rep1()), Map.of("task_title", "Discount", "task_type", "discount_request")).text("id");
    String approver = company.approver().username();
    JsonNode tasks = engineRest("GET", "/task?maxResults=50&processInstanceBusinessKey=" + businessKey, approver, approver, null).body();
    assertThat(tasks).hasSize(1);
    return new Approval(tasks.get(0).get("id").asText(), tasks.get(0).get("processInstanceId").asText(), businessKey);
  }

  @Test
  void engineRestShowsAnotherCompanysWorkToNoneOfItsQueriesEvenToAnAdmin() {
    Staff acme = companies.create();
    Staff globex = companies.create();
    Approval approval = approvalIn(acme);
    String acmeAdmin = acme.admin().username();
    String intruder = globex.admin().username();

    List<String> queries = List.of(
        "/task?maxResults=50&processInstanceBusinessKey=" + approval.businessKey(),
        "/process-instance?maxResults=50&businessKey=" + approval.businessKey(),
        "/variable-instance?maxResults=50&processInstanceIdIn=" + approval.processInstanceId(),
        "/history/process-instance?maxResults=50&processInstanceBusinessKey=" + approval.businessKey(),
        "/history/task?maxResults=50&processInstanceBusinessKey=" + approval.businessKey(),
        "/history/variable-instance?maxResults=50&processInstanceId=" + approval.processInstanceId(),
        "/history/activity-instance?maxResults=50&processInstanceId=" + approval.processInstanceId());
    for (String query : queries) {
      // the own company's admin sees it: the queries are right
      Response own = engineRest("GET", query, acmeAdmin, acmeAdmin, null);
      assertThat(own.status()).as("%s %s", query, own.body()).isEqualTo(200);
      assertThat(own.body()).as(query).isNotEmpty();
      Response other = engineRest("GET", query, intruder, intruder, null);
      assertThat(other.status()).as("%s %s", query, other.body()).isEqualTo(200);
      assertThat(other.body()).as(query).isEmpty();
    }
    for (String single : List.of(
        "/task/" + approval.taskId(),
        "/task/" + approval.taskId() + "/variables",
        "/process-instance/" + approval.processInstanceId(),
        "/process-instance/" + approval.processInstanceId() + "/variables",
        "/history/process-instance/" + approval.processInstanceId())) {
      assertThat(engineRest("GET", single, acmeAdmin, acmeAdmin, null).status()).as(single).isEqualTo(200);
      Response other = engineRest("GET", single, intruder, intruder, null);
      assertThat(other.status()).as("%s %s", single, other.body()).isIn(403, 404);
    }

    Response claim = engineRest("POST", "/task/" + approval.taskId() + "/claim", intruder, intruder, Map.of("userId", intruder));
    assertThat(claim.status()).as("%s", claim.body()).isIn(403, 404);
    Response setVariable = engineRest("PUT", "/process-instance/" + approval.processInstanceId() + "/variables/approvalDecision",
        intruder, intruder, Map.of("value", "approved", "type", "String"));
    assertThat(setVariable.status()).as("%s", setVariable.body()).isIn(403, 404);
    Response complete = engineRest("POST", "/task/" + approval.taskId() + "/complete", intruder, intruder,
        Map.of("variables", Map.of("approvalDecision", Map.of("value", "approved"))));
    assertThat(complete.status()).as("%s", complete.body()).isIn(403, 404);

    JsonNode untouched = engineRest("GET", "/task/" + approval.taskId(), acmeAdmin, acmeAdmin, null).body();
    assertThat(untouched.get("assignee").isNull()).isTrue();
    assertThat(get("/api/tasks/" + approval.businessKey(), tokenFor(acme.rep1())).text("approval_status")).isEqualTo("pending");
  }

  @Test
  void engineRestStartsWorkOnlyInTheCallersOwnCompany() {
    Staff acme = companies.create();
    Staff globex = companies.create();
    String intruder = globex.admin().username();

    // the models are shared by all companies: there is no definition "of" company A to start
    Response byTenant = engineRest("POST", "/process-definition/key/notification-delivery/tenant-id/" + acme.code() + "/start",
        intruder, intruder, Map.of("businessKey", "intrusion"));
    assertThat(byTenant.status()).as("%s", byTenant.body()).isBetween(400, 499);
    Response byVariable = engineRest("POST", "/process-definition/key/notification-delivery/start", intruder, intruder,
        Map.of("businessKey", "intrusion", "variables", Map.of("tenantId", Map.of("value", acme.code(), "type", "String"))));
    assertThat(byVariable.status()).as("%s", byVariable.body()).isEqualTo(403);

    // a start that names no company belongs to the caller's company, never to all of them
    Response unnamed = engineRest("POST", "/process-definition/key/notification-delivery/start", intruder, intruder,
        Map.of("businessKey", "unnamed-" + globex.code()));
    assertThat(unnamed.status()).as("%s", unnamed.body()).isEqualTo(200);
    assertThat(unnamed.body().get("tenantId").asText()).isEqualTo(globex.code());
  }

  // ---- Tasklist's own REST API, with a Tasklist session ------------------------------------------

  @Test
  void tasklistShowsAndLetsDecideOnlyTheOwnCompanysApprovals() throws Exception {
    Staff acme = companies.create();
    Staff globex = companies.create();
    Approval approval = approvalIn(acme);
    TasklistSession own = new TasklistSession(port, json, acme.approver().username());
    TasklistSession intruder = new TasklistSession(port, json, globex.approver().username());
    // Tasklist's start page counts its filters, then loads them in pages of 2000: the engine's
    // query result limit (2000) must not be lower, or Tasklist breaks
    assertThat(own.send("GET", "/filter/count?itemCount=false&resourceType=Task", null).status()).isEqualTo(200);
    Response filters = own.send("GET", "/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task", null);
    assertThat(filters.status()).as("%s", filters.body()).isEqualTo(200);
    assertThat(filters.body()).isNotEmpty();

    String query = "/task?firstResult=0&maxResults=15&processInstanceBusinessKey=" + approval.businessKey();
    assertThat(own.send("GET", query, null).body()).hasSize(1);
    Response seen = intruder.send("GET", query, null);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.body()).isEmpty();
    // Tasklist lists tasks with a POST query (its filters)
    Response filtered = intruder.send("POST", "/task?firstResult=0&maxResults=15",
        Map.of("processInstanceBusinessKey", approval.businessKey()));
    assertThat(filtered.status()).as("%s", filtered.body()).isEqualTo(200);
    assertThat(filtered.body()).isEmpty();
    assertThat(intruder.send("GET", "/task/" + approval.taskId(), null).status()).isIn(403, 404);
    assertThat(intruder.send("GET", "/task/" + approval.taskId() + "/form-variables", null).status()).isIn(403, 404);

    Response claim = intruder.send("POST", "/task/" + approval.taskId() + "/claim", Map.of("userId", globex.approver().username()));
    assertThat(claim.status()).as("%s", claim.body()).isIn(403, 404);
    Response complete = intruder.send("POST", "/task/" + approval.taskId() + "/submit-form",
        Map.of("variables", Map.of("approvalDecision", Map.of("value", "approved"))));
    assertThat(complete.status()).as("%s", complete.body()).isIn(403, 404);

    // the own approver can do both: the session and its CSRF token work
    Response ownClaim = own.send("POST", "/task/" + approval.taskId() + "/claim", Map.of("userId", acme.approver().username()));
    assertThat(ownClaim.status()).as("%s", ownClaim.body()).isEqualTo(204);
    Response decided = own.send("POST", "/task/" + approval.taskId() + "/submit-form",
        Map.of("variables", Map.of("approvalDecision", Map.of("value", "approved"), "approvalComment", Map.of("value", "ok"))));
    assertThat(decided.status()).as("%s", decided.body()).isIn(200, 204);
    assertThat(get("/api/tasks/" + approval.businessKey(), tokenFor(acme.rep1())).text("approval_status")).isEqualTo("approved");
  }

  @Test
  void theApiRefusesReferencesToAnotherCompanysRecords() {
    Staff acme = companies.create();
    Staff globex = companies.create();
    String rep1 = tokenFor(acme.rep1());
    String globexTask = post("/api/tasks", tokenFor(globex.rep1()), Map.of("task_title", "Globex", "task_type", "call")).text("id");
    Map<String, Object> base = Map.of("task_title", "Pointing elsewhere", "task_type", "call");
    for (Map.Entry<String, Object> foreign : List.of(
        Map.entry("customer_id", (Object) globex.platinumCustomerId()),
        Map.entry("assigned_to_user_id", (Object) globex.rep1().id()),
        Map.entry("parent_task_id", (Object) globexTask))) {
      Map<String, Object> body = new java.util.HashMap<>(base);
      body.put(foreign.getKey(), foreign.getValue());
      Response r = post("/api/tasks", rep1, body);
      assertThat(r.status()).as("%s: %s", foreign.getKey(), r.body()).isBetween(400, 499);
    }
    Map<String, Object> series = new java.util.HashMap<>(Map.of("task_title", "Weekly", "task_type", "follow_up",
        "rrule", "FREQ=WEEKLY;BYDAY=MO", "dtstart", "2031-01-06T09:00:00", "time_zone", "Europe/Berlin"));
    series.put("customer_id", globex.platinumCustomerId());
    Response r = post("/api/task-series", rep1, series);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
    assertThat(r.body().get("details").get(0).get("field").asText()).isEqualTo("customer_id");
    // its own company's customer is fine
    assertThat(post("/api/tasks", rep1, Map.of("task_title", "Own customer", "task_type", "call",
        "customer_id", acme.platinumCustomerId())).status()).isEqualTo(201);
  }

  @Test
  void theDemoCompanyGlobexSeesNothingOfAcme() {
    String acmeTask = post("/api/tasks", tokenFor("rep1", "rep1"), Map.of("task_title", "Acme discount", "task_type", "discount_request")).text("id");
    for (String user : List.of("globex_rep1", "globex_lead1", "globex_manager1", "globex_approver1")) {
      String token = tokenFor(user, user);
      assertThat(get("/api/tasks/" + acmeTask, token).status()).as(user).isEqualTo(404);
      assertThat(engineRest("GET", "/task?maxResults=50&processInstanceBusinessKey=" + acmeTask, user, user, null).body()).as(user).isEmpty();
    }
    assertThat(engineRest("GET", "/task?maxResults=50&processInstanceBusinessKey=" + acmeTask, "approver1", "approver1", null).body()).hasSize(1);
    // Globex works on its own
    Response globexTask = post("/api/tasks", tokenFor("globex_rep1", "globex_rep1"), Map.of("task_title", "Globex call", "task_type", "call"));
    assertThat(globexTask.status()).as("%s", globexTask.body()).isEqualTo(201);
    assertThat(get("/api/tasks/" + globexTask.text("id"), tokenFor("globex_manager1", "globex_manager1")).status()).isEqualTo(200);
    assertThat(get("/api/tasks/" + globexTask.text("id"), tokenFor("manager1", "manager1")).status()).isEqualTo(404);
  }
}
