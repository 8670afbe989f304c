package com.activityflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.CalendarComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The calendar feed (N2): a secret URL, read by a real iCalendar parser (ical4j). */
class CalendarFeedTest extends IntegrationTest {

  private final HttpClient client = HttpClient.newHttpClient();

  Staff acme;
  String rep1;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
  }

  /** A calendar client: no bearer token, asks for text/calendar. */
  private HttpResponse<String> fetch(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/calendar").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String pathOf(String feedUrl) {
    return URI.create(feedUrl).getPath();
  }

  private String createdTask(Map<String, Object> body) {
    Response r = post("/api/tasks", rep1, body);
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.text("id");
  }

  private static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static String prop(CalendarComponent c, String name) {
    return c.getProperty(name).orElseThrow().getValue();
  }

  @Test
  void servesTheOwnersOpenTasksWithADueDateAsICalendar() throws Exception {
    Map<String, Object> due = new HashMap<>();
    due.put("task_title", "Call Initech; renewal, part 2 — a title long enough to need folding at 75 octets");
    due.put("task_type", "call");
    due.put("assigned_to_user_id", acme.rep1().id());
    due.put("due_date", "2030-06-01T12:00:00Z");
    String dueTask = createdTask(due);
    createdTask(Map.of("task_title", "No due date", "task_type", "call", "assigned_to_user_id", acme.rep1().id()));
    createdTask(Map.of("task_title", "Someone else's", "task_type", "call", "assigned_to_user_id", acme.rep2().id(), "due_date", "2030-06-02T12:00:00Z"));

    Response feed = post("/api/calendar-feed", rep1, null);
    assertThat(feed.status()).isEqualTo(201);
    String url = feed.text("url");
    assertThat(url).endsWith("/calendar/" + feed.text("token") + ".ics");

    HttpResponse<String> ics = fetch(pathOf(url));
    assertThat(ics.statusCode()).isEqualTo(200);
    assertThat(ics.headers().firstValue("content-type").orElseThrow()).startsWith("text/calendar");
    Calendar calendar = parse(ics.body());
    calendar.validate();
    List<CalendarComponent> events = calendar.getComponents("VEVENT");
    assertThat(events).hasSize(1);
    CalendarComponent event = events.get(0);
    assertThat(prop(event, "UID")).isEqualTo(dueTask + "@activityflow");
    assertThat(prop(event, "SUMMARY")).isEqualTo(due.get("task_title"));
    assertThat(prop(event, "DTSTART")).isEqualTo("20300601T120000Z");
    assertThat(prop(event, "DTSTAMP")).endsWith("Z");
    assertThat(prop(event, "URL")).endsWith("/api/tasks/" + dueTask);

    // the UID stays when the feed is read again
    assertThat(prop(parse(fetch(pathOf(url)).body()).getComponents("VEVENT").get(0), "UID")).isEqualTo(dueTask + "@activityflow");
  }

  @Test
  void rotatingOrRevokingTheFeedRetiresTheOldLink() throws Exception {
    String first = pathOf(post("/api/calendar-feed", rep1, null).text("url"));
    String second = pathOf(post("/api/calendar-feed", rep1, null).text("url"));
    assertThat(second).isNotEqualTo(first);
    assertThat(fetch(first).statusCode()).isEqualTo(404);
    assertThat(fetch(second).statusCode()).isEqualTo(200);

    assertThat(delete("/api/calendar-feed", rep1).status()).isEqualTo(204);
    assertThat(fetch(second).statusCode()).isEqualTo(404);
    assertThat(fetch("/calendar/made-up-token.ics").statusCode()).isEqualTo(404);
  }

  @Test
  void managingTheFeedRequiresAToken() {
    assertThat(post("/api/calendar-feed", null, null).status()).isEqualTo(401);
    assertThat(delete("/api/calendar-feed", null).status()).isEqualTo(401);
    assertThat(post("/api/calendar-feed", "not-a-token", null).status()).isEqualTo(401);
  }

  @Test
  void aFeedShowsOnlyItsOwnersTasks() throws Exception {
    createdTask(Map.of("task_title", "Acme only", "task_type", "call", "assigned_to_user_id", acme.rep1().id(), "due_date", "2030-06-01T12:00:00Z"));
    Staff globex = companies.create();
    String globexFeed = pathOf(post("/api/calendar-feed", tokenFor(globex.rep1()), null).text("url"));
    String managerFeed = pathOf(post("/api/calendar-feed", tokenFor(acme.manager()), null).text("url"));

    assertThat(parse(fetch(globexFeed).body()).getComponents("VEVENT")).isEmpty();
    assertThat(parse(fetch(managerFeed).body()).getComponents("VEVENT")).isEmpty();
    // revoking one user's feed leaves another's working
    assertThat(delete("/api/calendar-feed", tokenFor(globex.rep1())).status()).isEqualTo(204);
    assertThat(fetch(managerFeed).statusCode()).isEqualTo(200);
  }
}
