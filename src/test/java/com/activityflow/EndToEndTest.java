package com.activityflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole story through the real interfaces, nothing stubbed: a rep creates a task over REST,
 * the DMN tables assign it and ask for approval, the approver decides through engine REST (as
 * Tasklist does), the assignee completes it over REST, and the mails arrive at the SMTP server.
 */
class EndToEndTest extends IntegrationTest {

  @Test
  void taskIsAssignedApprovedCompletedAndEveryoneIsTold() throws Exception {
    Staff acme = companies.create();
    String rep1 = tokenFor(acme.rep1());

    // 1. create: a demo needs the 'technical' skill (rep2); more than 40 hours needs approval
    Response created =
        post(
            "/api/tasks",
            rep1,
            Map.of(
                "task_title", "Product demo for Platinum Inc",
                "task_type", "demo",
                "estimated_hours", 48,
                "customer_id", acme.platinumCustomerId().toString(),
                "due_date", "2031-06-01T12:00:00Z"));
    assertThat(created.status()).isEqualTo(201);
    String taskId = created.text("id");
    assertThat(created.text("assigned_to")).isEqualTo(acme.rep2().username());
    assertThat(created.text("approval_status")).isEqualTo("pending");

    // 2. the approver finds the approval in its Tasklist (engine REST, its own credentials)
    String approver = acme.approver().username();
    Response approvals = engineRest("GET", "/task?maxResults=50&processInstanceBusinessKey=" + taskId, approver, approver, null);
    assertThat(approvals.status()).isEqualTo(200);
    assertThat(approvals.body()).hasSize(1);
    JsonNode approval = approvals.body().get(0);
    assertThat(approval.get("name").asText()).isEqualTo("Approve: Product demo for Platinum Inc");
    assertThat(approval.get("tenantId").asText()).isEqualTo(acme.code());
    String approvalId = approval.get("id").asText();

    Response form = engineRest("GET", "/task/" + approvalId + "/deployed-form", approver, approver, null);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body().get("id").asText()).isEqualTo("task-approval");

    // the rep may not decide its own approval
    String rep1Name = acme.rep1().username();
    assertThat(engineRest("POST", "/task/" + approvalId + "/complete", rep1Name, rep1Name, decision("approved")).status())
        .isIn(403, 404);

    Response decided = engineRest("POST", "/task/" + approvalId + "/complete", approver, approver, decision("approved"));
    assertThat(decided.status()).as("%s", decided.body()).isEqualTo(204);

    // 3. the assignee completes the work over REST
    String rep2 = tokenFor(acme.rep2());
    JsonNode approved = get("/api/tasks/" + taskId, rep2).body();
    assertThat(approved.get("approval_status").asText()).isEqualTo("approved");
    assertThat(approved.get("approved_by_user_id").asText()).isEqualTo(acme.approver().id().toString());
    Response completed =
        put("/api/tasks/" + taskId, rep2, Map.of("version", approved.get("version").asLong(), "status", "completed"));
    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.text("status")).isEqualTo("completed");
    assertThat(engineRest("GET", "/process-instance?maxResults=50&businessKey=" + taskId + "&processDefinitionKey=task-lifecycle", "admin", "admin", null).body())
        .isEmpty();

    // 4. the mails, sent after each commit by the notification jobs
    deliverNotifications(acme);
    assertThat(subjects(mailsTo(acme.rep2().email())))
        .anySatisfy(s -> assertThat(s).isEqualTo("[Activity Flow] Task assigned to you: Product demo for Platinum Inc"));
    assertThat(subjects(mailsTo(acme.approver().email())))
        .anySatisfy(s -> assertThat(s).isEqualTo("[Activity Flow] Approval needed: Product demo for Platinum Inc"));
    List<MimeMessage> toCreator = mailsTo(acme.rep1().email());
    assertThat(subjects(toCreator)).anySatisfy(s -> assertThat(s).isEqualTo("[Activity Flow] Task approved: Product demo for Platinum Inc"));
    String body = (String) toCreator.get(toCreator.size() - 1).getContent();
    assertThat(body).contains("approved by " + acme.approver().displayName()).contains("Looks good");
  }

  private static Map<String, Object> decision(String value) {
    return Map.of(
        "variables",
        Map.of(
            "approvalDecision", Map.of("value", value, "type", "String"),
            "approvalComment", Map.of("value", "Looks good", "type", "String")));
  }

  private static List<String> subjects(List<MimeMessage> messages) {
    return messages.stream().map(IntegrationTest::subjectOf).toList();
  }
}
