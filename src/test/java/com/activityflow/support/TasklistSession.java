package com.activityflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser-like Tasklist session: logs in through the webapp's own login, keeps the cookies and
 * sends Camunda's CSRF token ({@code X-XSRF-TOKEN}) as Tasklist does, to call the webapp's REST
 * API under {@code /camunda/api/engine/engine/default}.
 */
public final class TasklistSession {

  private final String base;
  private final ObjectMapper json;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  /** Logs in as the user (password = user name, as for all test users). */
  public TasklistSession(int port, ObjectMapper json, String username) throws Exception {
    this.base = "http://localhost:" + port;
    this.json = json;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page =
        client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String credentials = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(username, StandardCharsets.UTF_8);
    HttpResponse<String> login = client.send(
        HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", csrf())
            .POST(HttpRequest.BodyPublishers.ofString(credentials))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session; its CSRF token comes with the next read, as in the browser
    HttpResponse<String> user = client.send(
        HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
  }

  private String csrf() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse("");
  }

  /** A call with the session's CSRF token. */
  public Response send(String method, String path, Object body) throws Exception {
    return send(method, path, body, csrf());
  }

  /** A call with the given CSRF token (e.g. a forged one). */
  public Response send(String method, String path, Object body, String csrfToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + path))
        .header("Accept", "application/json")
        .header("X-XSRF-TOKEN", csrfToken)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    JsonNode parsed = text.isBlank() ? json.nullNode()
        : text.startsWith("{") || text.startsWith("[") ? json.readTree(text) : json.getNodeFactory().textNode(text);
    return new Response(response.statusCode(), parsed, response.headers().map());
  }
}
