package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every door is authenticated, and Camunda itself knows who calls engine REST. */
class SecurityTest extends IntegrationTest {

  @Test
  void engineRestRequiresCredentials() {
    assertThat(sendRaw("GET", "/engine-rest/task?maxResults=1", null, null).status()).isEqualTo(401);
    assertThat(engineRest("GET", "/task?maxResults=1", "approver1", "wrong", null).status()).isEqualTo(401);
    assertThat(engineRest("GET", "/task?maxResults=1", "approver1", "approver1", null).status()).isEqualTo(200);
  }

  @Test
  void engineRestAcceptsTheApiBearerToken() {
    String token = tokenFor("rep1", "rep1");
    assertThat(sendRaw("GET", "/engine-rest/task?maxResults=1", "Bearer " + token, null).status()).isEqualTo(200);
  }

  @Test
  void anApproverSeesAndDecidesOnlyItsOwnCompanysApprovals() {
    Staff acme = companies.create();
    Staff globex = companies.create();
    Response created =
        post("/api/tasks", tokenFor(acme.rep1()), Map.of("task_title", "Discount", "task_type", "discount_request"));
    String taskId = created.text("id");
    String globexApprover = globex.approver().username();

    Response seen = engineRest("GET", "/task?maxResults=50&processInstanceBusinessKey=" + taskId, globexApprover, globexApprover, null);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.body()).isEmpty();

    String acmeApprover = acme.approver().username();
    String approvalId =
        engineRest("GET", "/task?maxResults=50&processInstanceBusinessKey=" + taskId, acmeApprover, acmeApprover, null)
            .body().get(0).get("id").asText();
    Response stolen =
        engineRest(
            "POST",
            "/task/" + approvalId + "/complete",
            globexApprover,
            globexApprover,
            Map.of("variables", Map.of("approvalDecision", Map.of("value", "approved"))));
    assertThat(stolen.status()).as("%s", stolen.body()).isIn(403, 404);
    assertThat(engineRest("GET", "/process-instance/count?businessKey=" + taskId, globexApprover, globexApprover, null)
            .body().get("count").asLong())
        .isZero();
  }

  @Test
  void nobodyButAdminsStartsProcessesOverEngineRestAndNeverForAnotherCompany() {
    Staff acme = companies.create();
    Staff globex = companies.create();
    Map<String, Object> start = Map.of("businessKey", "x", "variables",
        Map.of("tenantId", Map.of("value", acme.code(), "type", "String")));
    String globexManager = globex.manager().username();
    assertThat(engineRest("POST", "/process-definition/key/notification-delivery/start", globexManager, globexManager, start).status())
        .isEqualTo(403);
    // the demo admin (role admin of Acme: every Camunda grant) may start processes, but not in another company
    Map<String, Object> intoGlobex = Map.of("businessKey", "x", "variables",
        Map.of("tenantId", Map.of("value", globex.code(), "type", "String")));
    Response crossTenant = engineRest("POST", "/process-definition/key/notification-delivery/start", "admin", "admin", intoGlobex);
    assertThat(crossTenant.status()).as("%s", crossTenant.body()).isEqualTo(403);
    assertThat(crossTenant.body().get("message").asText()).contains("cannot start work for company " + globex.code());
  }

  @Test
  void anInvalidApprovalDecisionIsABadRequest() {
    Staff acme = companies.create();
    String taskId =
        post("/api/tasks", tokenFor(acme.rep1()), Map.of("task_title", "Discount", "task_type", "discount_request")).text("id");
    String approver = acme.approver().username();
    String approvalId =
        engineRest("GET", "/task?maxResults=50&processInstanceBusinessKey=" + taskId, approver, approver, null)
            .body().get(0).get("id").asText();
    Response r =
        engineRest(
            "POST",
            "/task/" + approvalId + "/complete",
            approver,
            approver,
            Map.of("variables", Map.of("approvalDecision", Map.of("value", "maybe"))));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
    assertThat(r.body().get("message").asText()).contains("approvalDecision");
  }

  @Test
  void tasklistLogsInDirectoryUsers() throws Exception {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Tasklist");
    String csrf =
        page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> page.headers().allValues("set-cookie").stream()
            .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';'))).findFirst().orElse(""));
    String cookies = String.join("; ", page.headers().allValues("set-cookie").stream().map(c -> c.substring(0, c.indexOf(';'))).toList());

    HttpResponse<String> login = client.send(loginRequest("approver1", "approver1", csrf, cookies), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"approver1\"").contains("tasklist");
    HttpResponse<String> wrong = client.send(loginRequest("approver1", "nope", csrf, cookies), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isIn(401, 403);
  }

  private HttpRequest loginRequest(String user, String password, String csrf, String cookies) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrf)
        .header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
        .build();
  }

  @Test
  void theWebappsNeverTriggerABrowserSignInDialog() {
    // Tasklist's login page probes /camunda-welcome; a Basic challenge would block the browser
    Response probe = sendRaw("GET", "/camunda-welcome", null, null);
    assertThat(probe.status()).isEqualTo(401);
    assertThat(probe.headers().getOrDefault("www-authenticate", List.of())).noneMatch(h -> h.startsWith("Basic"));
  }

  @Test
  void healthIsPublicAndMetricsAreForAdmins() {
    assertThat(sendRaw("GET", "/actuator/health", null, null).status()).isEqualTo(200);
    assertThat(sendRaw("GET", "/actuator/metrics", null, null).status()).isEqualTo(401);
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes());
    assertThat(sendRaw("GET", "/actuator/metrics", basic, null).status()).isEqualTo(200);
    String rep = "Basic " + java.util.Base64.getEncoder().encodeToString("rep1:rep1".getBytes());
    assertThat(sendRaw("GET", "/actuator/metrics", rep, null).status()).isEqualTo(403);
  }
}
