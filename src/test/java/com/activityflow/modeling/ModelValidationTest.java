package com.activityflow.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The build checks every model of the repository (parse, layout, history time to live, beans,
 * references, declared variables, decision test files, element templates), and each kind of
 * mistake is reported with the file, the element and what to do.
 */
class ModelValidationTest extends IntegrationTest {

  @Autowired ModelValidator validator;

  private final ModelFiles repository = ModelFiles.fromDirectory(Path.of("."));

  @Test
  void everyModelOfTheRepositoryIsValid() {
    assertThat(repository.files()).containsKeys(
        "bpmn/task-lifecycle.bpmn", "dmn/task-assignment.dmn", "forms/task-approval.form", ".camunda/element-templates/activity-flow.json");
    assertThat(validator.validate(repository)).isEmpty();
  }

  @Test
  void theBuildWritesTheModelPages() throws Exception {
    Path out = Path.of("target/model-docs");
    Files.createDirectories(out);
    for (Map.Entry<String, String> page : ModelDocs.pages(repository).entrySet()) {
      Files.writeString(out.resolve(page.getKey()), page.getValue());
    }
    assertThat(Files.readString(out.resolve("index.html"))).contains("task-lifecycle.html", "task-assignment.html");
    assertThat(Files.readString(out.resolve("task-assignment.html"))).contains("Hit policy: <b>FIRST</b>", "&quot;renewal&quot;");
    assertThat(Files.readString(out.resolve("task-lifecycle.html")))
        .contains("Task_ApproveTask", "Forms: task-approval", "approval_requested", "task_escalated");
  }

  private List<ModelProblem> problemsAfter(String file, UnaryOperator<String> change) {
    Map<String, byte[]> files = new HashMap<>(repository.files());
    files.put(file, change.apply(new String(files.get(file), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    return validator.validate(new ModelFiles(files, true));
  }

  @Test
  void namesAnUnknownBean() {
    assertThat(problemsAfter("bpmn/task-lifecycle.bpmn", s -> s.replace("${sendReminder}", "${sendRemindr}")))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.file()).isEqualTo("bpmn/task-lifecycle.bpmn");
          assertThat(p.elementId()).isEqualTo("Task_SendReminder");
          assertThat(p.message()).contains("sendRemindr").contains("element templates");
        });
  }

  @Test
  void namesAMissingDecisionFormOrHistoryTimeToLive() {
    assertThat(problemsAfter("bpmn/task-lifecycle.bpmn", s -> s.replace("camunda:decisionRef=\"task-approval\"", "camunda:decisionRef=\"task-aproval\"")))
        .anySatisfy(p -> assertThat(p.elementId()).isEqualTo("Task_DecideApproval"));
    assertThat(problemsAfter("bpmn/task-lifecycle.bpmn", s -> s.replace("camunda:formRef=\"task-approval\"", "camunda:formRef=\"approval\"")))
        .anySatisfy(p -> assertThat(p.message()).contains("form 'approval'"));
    assertThat(problemsAfter("dmn/task-approval.dmn", s -> s.replace(" camunda:historyTimeToLive=\"P180D\"", "")))
        .anySatisfy(p -> assertThat(p.message()).contains("history time to live"));
  }

  @Test
  void namesAnUndeclaredVariable() {
    assertThat(problemsAfter("bpmn/task-lifecycle.bpmn", s -> s.replace("${approvalRequired}", "${approvalNeeded}")))
        .anySatisfy(p -> {
          assertThat(p.elementId()).isEqualTo("Flow_ApprovalRequired");
          assertThat(p.message()).contains("'approvalNeeded'").contains("variables");
        });
  }

  @Test
  void namesAnElementWithoutLayout() {
    assertThat(problemsAfter("bpmn/notification-delivery.bpmn", s -> s.replaceAll("(?s)<bpmndi:BPMNShape id=\"Task_SendEmail_di\".*?</bpmndi:BPMNShape>", "")))
        .anySatisfy(p -> {
          assertThat(p.elementId()).isEqualTo("Task_SendEmail");
          assertThat(p.message()).contains("diagram layout");
        });
  }

  @Test
  void refusesBrokenFilesMissingTestCasesAndBadTemplates() {
    assertThat(problemsAfter("bpmn/notification-delivery.bpmn", s -> s.substring(0, s.length() / 2)))
        .anySatisfy(p -> assertThat(p.message()).contains("does not parse"));
    Map<String, byte[]> withoutCases = new HashMap<>(repository.files());
    withoutCases.remove("dmn/tests/task-approval.csv");
    assertThat(validator.validate(new ModelFiles(withoutCases, true)))
        .anySatisfy(p -> assertThat(p.message()).contains("dmn/tests/task-approval.csv"));
    assertThat(problemsAfter(".camunda/element-templates/activity-flow.json", s -> s.replace("${sendReminder}", "${remindAll}")))
        .anySatisfy(p -> assertThat(p.elementId()).isEqualTo("com.activityflow.send-reminder"));
  }
}
