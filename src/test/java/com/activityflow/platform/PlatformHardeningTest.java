package com.activityflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TasklistSession;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hardening, observed from outside: only admins deploy, engine REST lists are capped,
 * Java-serialized variables and object variables of classes the caller picks are refused, the webapps refuse changes without the session's CSRF token, and requests that
 * came over TLS (here: through a proxy saying so) get HSTS and Secure cookies.
 */
class PlatformHardeningTest extends IntegrationTest {

  @Test
  void onlyAdminsCreateDeploymentsOverEngineRest() {
    Staff acme = companies.create();
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="http://activityflow.dev/deploy-check">
          <process id="deploy-check-%s" isExecutable="true" camunda:historyTimeToLive="P1D"><startEvent id="Start"/></process>
        </definitions>
        """.formatted(acme.code());
    for (var user : List.of(acme.rep1(), acme.lead(), acme.manager(), acme.analyst())) {
      Response r = deploy(user.username(), bpmn);
      assertThat(r.status()).as("%s: %s", user.username(), r.body()).isEqualTo(403);
    }
    String admin = acme.admin().username();
    assertThat(engineRest("GET", "/process-definition?maxResults=50&key=deploy-check-" + acme.code(), admin, admin, null).body())
        .isEmpty();
    // the application role admin carries every Camunda grant
    Response deployed = deploy(admin, bpmn);
    assertThat(deployed.status()).as("%s", deployed.body()).isEqualTo(200);
    String deploymentId = readJson(deployed.body().asText()).get("id").asText();
    assertThat(engineRest("DELETE", "/deployment/" + deploymentId + "?cascade=true", admin, admin, null).status()).isEqualTo(204);
  }

  @Test
  void engineRestRefusesListsAboveTheResultLimit() {
    Response unbounded = engineRest("GET", "/task", "admin", "admin", null);
    assertThat(unbounded.status()).as("%s", unbounded.body()).isEqualTo(400);
    Response tooMany = engineRest("GET", "/task?maxResults=2001", "admin", "admin", null);
    assertThat(tooMany.status()).as("%s", tooMany.body()).isEqualTo(400);
    assertThat(tooMany.body().get("message").asText()).contains("2000");
    assertThat(engineRest("GET", "/task?maxResults=2000", "admin", "admin", null).status()).isEqualTo(200);
  }

  @Test
  void javaSerializedAndArbitraryObjectVariablesAreRefused() {
    Staff acme = companies.create();
    String task = post("/api/tasks", tokenFor(acme.rep1()), Map.of("task_title", "Hardening", "task_type", "call")).text("id");
    String admin = acme.admin().username();
    JsonNode instances = engineRest("GET", "/process-instance?maxResults=5&processDefinitionKey=task-lifecycle&businessKey=" + task, admin, admin, null).body();
    assertThat(instances).hasSize(1);
    String variables = "/process-instance/" + instances.get(0).get("id").asText() + "/variables/";

    // a serialized java.util.HashMap (the smallest gadget carrier)
    Response javaSerialized = engineRest("PUT", variables + "payload", admin, admin, Map.of(
        "value", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAB3CAAAABAAAAAAeA==",
        "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.util.HashMap", "serializationDataFormat", "application/x-java-serialized-object")));
    assertThat(javaSerialized.status()).as("%s", javaSerialized.body()).isBetween(400, 499);

    // no other object format exists either (variables are ids; no Spin data format is installed),
    // so nothing can be turned into an object of a class the caller picked; type validation stays
    // on for the day a format is added
    Response jsonObject = engineRest("PUT", variables + "gadget", admin, admin, Map.of(
        "value", "{\"host\":\"example.com\"}",
        "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.net.URL", "serializationDataFormat", "application/json")));
    assertThat(jsonObject.status()).as("%s", jsonObject.body()).isEqualTo(400);
    assertThat(engineRest("GET", variables + "gadget", admin, admin, null).status()).isEqualTo(404);
  }

  @Test
  void theWebappsRefuseChangesWithoutTheSessionsCsrfToken() throws Exception {
    Staff acme = companies.create();
    String businessKey =
        post("/api/tasks", tokenFor(acme.rep1()), Map.of("task_title", "Discount", "task_type", "discount_request")).text("id");
    String approver = acme.approver().username();
    String approval = engineRest("GET", "/task?maxResults=5&processInstanceBusinessKey=" + businessKey, approver, approver, null)
        .body().get(0).get("id").asText();
    TasklistSession session = new TasklistSession(port, json, approver);

    Response forged = session.send("POST", "/task/" + approval + "/claim", Map.of("userId", approver), "forged");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(engineRest("GET", "/task/" + approval, approver, approver, null).body().get("assignee").isNull()).isTrue();
    // (the refusal ends that browser session; a fresh one with its token may claim)
    Response genuine = new TasklistSession(port, json, approver).send("POST", "/task/" + approval + "/claim", Map.of("userId", approver));
    assertThat(genuine.status()).as("%s", genuine.body()).isEqualTo(204);
  }

  @Test
  void overTlsTheApiSendsHstsAndTheWebappsSecureSessionCookies() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> api = client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/task-statuses"))
            .header("Authorization", "Bearer " + tokenFor("rep1", "rep1"))
            .header("X-Forwarded-Proto", "https")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("strict-transport-security")).hasValueSatisfying(v -> assertThat(v).contains("max-age="));
    HttpResponse<String> plain = client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/task-statuses"))
            .header("Authorization", "Bearer " + tokenFor("rep1", "rep1"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.headers().firstValue("strict-transport-security")).isEmpty();

    HttpResponse<String> webapp = client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/"))
            .header("X-Forwarded-Proto", "https")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(webapp.headers().allValues("set-cookie"))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly"));
  }

  private JsonNode readJson(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A multipart deployment as Camunda Modeler sends it. */
  private Response deploy(String user, String bpmn) {
    String boundary = "----af" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ndeploy-check\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"deploy-check.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
              .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), json.getNodeFactory().textNode(response.body()), response.headers().map());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
