package com.activityflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The in-app inbox over HTTP: created by assignments and mentions, read only by its owner. */
class InAppNotificationTest extends IntegrationTest {

  @Autowired NotificationService notifications;
  @Autowired TransactionTemplate tx;

  Staff acme;
  String rep1;
  String rep2;

  @BeforeEach
  void setUp() {
    acme = companies.create();
    rep1 = tokenFor(acme.rep1());
    rep2 = tokenFor(acme.rep2());
  }

  private String createdTask(String token, String title, String type) {
    Response r = post("/api/tasks", token, Map.of("task_title", title, "task_type", type));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
    return r.text("id");
  }

  private static void assertProblem(Response r, int status, String errorCode, String field) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    assertThat(r.body().get("error_code").asText()).isEqualTo(errorCode);
    if (field != null) {
      assertThat(r.body().get("details")).anySatisfy(d -> assertThat(d.get("field").asText()).isEqualTo(field));
    }
  }

  private static JsonNode ofType(Response inbox, String type) {
    return StreamSupport.stream(inbox.body().get("items").spliterator(), false)
        .filter(n -> n.get("type").asText().equals(type))
        .findFirst()
        .orElse(null);
  }

  @Test
  void anAssignmentNotifiesTheAssigneeInTheApp() {
    // a demo needs the 'technical' skill: the rules give it to rep2
    String taskId = createdTask(rep1, "Demo for Platinum Inc", "demo");

    Response inbox = get("/api/notifications", rep2);
    assertThat(inbox.status()).isEqualTo(200);
    JsonNode assigned = ofType(inbox, "task_assigned");
    assertThat(assigned).isNotNull();
    assertThat(assigned.get("subject_id").asText()).isEqualTo(taskId);
    assertThat(assigned.get("message").asText()).isEqualTo("Task assigned to you: Demo for Platinum Inc");
    assertThat(assigned.get("is_read").asBoolean()).isFalse();
    assertThat(get("/api/notifications/unread-count", rep2).body().get("unread_count").asLong()).isEqualTo(1);
    // the creator got nothing
    assertThat(get("/api/notifications", rep1).body().get("total_count").asLong()).isZero();
  }

  @Test
  void readingOneOrAllClearsTheUnreadCount() {
    createdTask(rep1, "First demo", "demo");
    createdTask(rep1, "Second demo", "demo");
    Response unread = get("/api/notifications?unread=true&page_size=1", rep2);
    assertThat(unread.body().get("total_count").asLong()).isEqualTo(2);
    assertThat(unread.body().get("items")).hasSize(1);
    // newest first
    assertThat(unread.body().get("items").get(0).get("message").asText()).contains("Second demo");

    Response read = post("/api/notifications/" + unread.body().get("items").get(0).get("id").asText() + "/read", rep2, null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text("read_at")).isNotNull();
    assertThat(get("/api/notifications/unread-count", rep2).body().get("unread_count").asLong()).isEqualTo(1);
    assertThat(get("/api/notifications?unread=true", rep2).body().get("items").get(0).get("message").asText())
        .contains("First demo");

    Response all = post("/api/notifications/read-all", rep2, null);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body().get("marked_read").asInt()).isEqualTo(1);
    assertThat(get("/api/notifications/unread-count", rep2).body().get("unread_count").asLong()).isZero();
    assertThat(get("/api/notifications", rep2).body().get("total_count").asLong()).isEqualTo(2);
  }

  @Test
  void aMentionNotifiesUsersWhoMaySeeTheTask() {
    Staff globex = companies.create();
    String taskId = createdTask(rep1, "Renewal talk", "call");
    Response comment =
        post(
            "/api/tasks/" + taskId + "/comments",
            rep1,
            Map.of(
                "comment_text",
                "@" + acme.lead().username() + " please join. @" + acme.keyAccountManager().username()
                    + " and @" + globex.manager().username() + " cannot see this; @nobody_here does not exist."));
    assertThat(comment.status()).isEqualTo(201);

    JsonNode mention = ofType(get("/api/notifications", tokenFor(acme.lead())), "task_mentioned");
    assertThat(mention).isNotNull();
    assertThat(mention.get("subject_id").asText()).isEqualTo(taskId);
    assertThat(mention.get("message").asText()).isEqualTo("You were mentioned on task: Renewal talk");
    // kam is a rep of another team and the task is not its own; globex is another company
    assertThat(ofType(get("/api/notifications", tokenFor(acme.keyAccountManager())), "task_mentioned")).isNull();
    assertThat(get("/api/notifications", tokenFor(globex.manager())).body().get("total_count").asLong()).isZero();
  }

  @Test
  void remindersAndEscalationsReachTheInboxOnlyWhenTheirChangeCommits() {
    String taskId = createdTask(rep1, "Follow-up call", "call");
    UUID id = UUID.fromString(taskId);
    tx.executeWithoutResult(s -> notifications.queue(NotificationType.TASK_ESCALATED, id, acme.lead().id()));
    tx.executeWithoutResult(
        s -> {
          notifications.queue(NotificationType.TASK_REMINDER, id, acme.lead().id());
          s.setRollbackOnly();
        });

    Response inbox = get("/api/notifications", tokenFor(acme.lead()));
    assertThat(ofType(inbox, "task_escalated").get("message").asText()).isEqualTo("Overdue task escalated: Follow-up call");
    assertThat(ofType(inbox, "task_reminder")).isNull();
  }

  @Test
  void refusesBadPagingAndFilters() {
    assertProblem(get("/api/notifications?page_size=500", rep2), 400, "validation_failed", "page_size");
    assertProblem(get("/api/notifications?page=0", rep2), 400, "validation_failed", "page");
    assertProblem(get("/api/notifications?unread=perhaps", rep2), 400, "invalid_parameter", "unread");
    assertProblem(post("/api/notifications/not-an-id/read", rep2, null), 400, "invalid_parameter", "id");
  }

  @Test
  void requiresAToken() {
    assertProblem(get("/api/notifications", null), 401, "unauthorized", null);
    assertProblem(get("/api/notifications/unread-count", null), 401, "unauthorized", null);
    assertProblem(post("/api/notifications/read-all", null, null), 401, "unauthorized", null);
    assertProblem(post("/api/notifications/" + acme.rep1().id() + "/read", "not-a-token", null), 401, "unauthorized", null);
  }

  @Test
  void onlyTheRecipientSeesAndMarksItsNotifications() {
    createdTask(rep1, "Private to rep2", "demo");
    String id = get("/api/notifications", rep2).body().get("items").get(0).get("id").asText();
    Staff globex = companies.create();
    String globexManager = tokenFor(globex.manager());

    assertProblem(post("/api/notifications/" + id + "/read", globexManager, null), 404, "not_found", null);
    assertProblem(post("/api/notifications/" + id + "/read", tokenFor(acme.manager()), null), 404, "not_found", null);
    assertThat(post("/api/notifications/read-all", globexManager, null).body().get("marked_read").asInt()).isZero();
    assertThat(get("/api/notifications/unread-count", rep2).body().get("unread_count").asLong()).isEqualTo(1);
  }
}
