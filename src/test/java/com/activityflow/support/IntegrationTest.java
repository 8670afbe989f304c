package com.activityflow.support;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.notification.NotificationDeliveryProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for all integration tests: the real app on a random port, a real
 * embedded PostgreSQL, the real engine and models, GreenMail as the SMTP server. Each test
 * makes its own company ({@link TestCompany}) so tests do not see each other's work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
public abstract class IntegrationTest {

  /** One SMTP server for the whole test JVM, on a free port (parallel builds do not clash). */
  protected static final GreenMail mail = startMailServer();

  private static GreenMail startMailServer() {
    try (ServerSocket socket = new ServerSocket(0)) {
      GreenMail server = new GreenMail(new ServerSetup(socket.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      socket.close();
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
  }

  @LocalServerPort protected int port;
  @Autowired protected ObjectMapper json;
  @Autowired protected TestCompany companies;
  @Autowired protected ManagementService managementService;

  private final HttpClient http = HttpClient.newHttpClient();

  public record Response(int status, JsonNode body, Map<String, List<String>> headers) {
    public String text(String field) {
      JsonNode node = body.get(field);
      return node == null || node.isNull() ? null : node.asText();
    }
  }

  protected String tokenFor(DirectoryUser user) {
    return tokenFor(user.username(), user.username());
  }

  protected String tokenFor(String username, String password) {
    Response r = send("POST", "/api/auth/token", null, Map.of("username", username, "password", password));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed for " + username + ": " + r.body());
    }
    return r.text("access_token");
  }

  protected Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  protected Response post(String path, String token, Object body) {
    return send("POST", path, token, body);
  }

  protected Response put(String path, String token, Object body) {
    return send("PUT", path, token, body);
  }

  protected Response delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  protected Response send(String method, String path, String token, Object body) {
    try {
      String payload = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
      return sendRaw(method, path, token == null ? null : "Bearer " + token, payload);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Engine REST with HTTP Basic, as Tasklist users and integrators call it. */
  protected Response engineRest(String method, String path, String username, String password, Object body) {
    try {
      String basic =
          "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      String payload = body == null ? null : json.writeValueAsString(body);
      return sendRaw(method, "/engine-rest" + path, basic, payload);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  protected Response sendRaw(String method, String path, String authorization, String payload) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .method(
                  method,
                  payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload))
              .header("Accept", "application/json");
      if (payload != null) {
        request.header("Content-Type", "application/json");
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String contentType = response.headers().firstValue("content-type").orElse("");
      JsonNode body =
          response.body() == null || response.body().isBlank()
              ? json.nullNode()
              : contentType.contains("json") ? json.readTree(response.body()) : json.getNodeFactory().textNode(response.body());
      return new Response(response.statusCode(), body, response.headers().map());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A multipart upload of one file in the form field {@code file}, as the attachment endpoint takes it. */
  protected Response upload(String path, String token, String fileName, String contentType, byte[] bytes) {
    String boundary = "----af" + System.nanoTime();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + bytes.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(bytes, 0, body, head.length, bytes.length);
    System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
      return new Response(response.statusCode(), parsed, response.headers().map());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens a server-sent event stream and closes it again as soon as the answer's status is known
   * (the body of an accepted stream never ends by itself).
   */
  protected int streamStatus(String path, String token) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/event-stream").GET();
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      return response.statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs the company's pending notification jobs (the job executor is off in tests). */
  protected void deliverNotifications(TestCompany.Staff company) {
    List<Job> jobs =
        managementService
            .createJobQuery()
            .processDefinitionKey(NotificationDeliveryProcess.PROCESS_KEY)
            .tenantIdIn(company.code())
            .withRetriesLeft()
            .list();
    for (Job job : jobs) {
      managementService.executeJob(job.getId());
    }
  }

  /** Mails received by an address (addresses are unique per test company). */
  protected List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  protected static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
