package com.activityflow.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.support.IntegrationTest;
import com.activityflow.support.TestCompany.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The analyst's path: a change made only in dmn/ files (a new assignment row sending platinum
 * renewals to the key-account team, a shorter reminder for urgent tasks) is validated and
 * deployed to the running app with the admin endpoint; new tasks follow it, running ones keep
 * their version until an admin migrates them; a broken model is refused and the live version
 * stays; every step is audited.
 */
class ModelDeploymentTest extends IntegrationTest {

  static final Path MODELS = Path.of("target/test-models");

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService management;
  @Autowired ModelDeployer deployer;
  @Autowired JdbcTemplate jdbc;

  String admin;

  @BeforeEach
  void copyTheRepositoryModels() throws IOException {
    copyRepositoryModels();
    admin = tokenFor("admin", "admin");
  }

  @AfterEach
  void restoreTheRepositoryModels() throws IOException {
    copyRepositoryModels();
    deployer.deploy(ModelFiles.fromDirectory(MODELS), "test", "test-restore");
  }

  @Test
  void anAnalystsDecisionChangeGoesLiveForNewTasksOnly() throws IOException {
    Staff acme = companies.create();
    String rep1 = tokenFor(acme.rep1());
    assertThat(post("/api/admin/models/deploy", admin, null).body().get("deployment_id").isNull())
        .as("the folder equals what is live: nothing to deploy")
        .isTrue();

    Instant due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    JsonNode running = post("/api/tasks", rep1, Map.of("task_title", "Running urgent", "task_type", "demo", "priority", "urgent", "due_date", due.toString())).body();
    String runningDefinition = instance(running).getProcessDefinitionId();

    // the analyst edits two tables and their test cases, nothing else
    edit("dmn/task-assignment.dmn", s -> s.replaceFirst("(\\s*)<rule id=", "$1" + KEY_ACCOUNT_RULE + "$1<rule id="));
    edit("dmn/task-escalation-policy.dmn", s -> s.replace("<text>\"PT1H\"</text>", "<text>\"PT30M\"</text>"));
    edit("dmn/tests/task-assignment.csv", s -> s + "renewal,,high,platinum,key_accounts,,least_loaded,New rule: platinum renewals go to the key-account team\n");
    edit("dmn/tests/task-escalation-policy.csv", s -> s.replace("PT1H", "PT30M"));

    Response validation = post("/api/admin/models/validate", admin, null);
    assertThat(validation.body().get("valid").asBoolean()).as("%s", validation.body()).isTrue();
    Response deployed = post("/api/admin/models/deploy", admin, null);
    assertThat(deployed.status()).as("%s", deployed.body()).isEqualTo(200);
    assertThat(deployed.body().get("files").toString())
        .contains("dmn/task-assignment.dmn", "dmn/task-escalation-policy.dmn", "bpmn/task-lifecycle.bpmn")
        .doesNotContain("notification-delivery");

    // new tasks follow the new rules
    JsonNode renewal =
        post("/api/tasks", rep1, Map.of("task_title", "Renewal", "task_type", "renewal", "customer_id", acme.platinumCustomerId().toString())).body();
    assertThat(renewal.get("assigned_to").asText()).isEqualTo(acme.keyAccountManager().username());
    JsonNode urgent = post("/api/tasks", rep1, Map.of("task_title", "New urgent", "task_type", "demo", "priority", "urgent", "due_date", due.toString())).body();
    assertThat(reminderOf(urgent)).isEqualTo(due.minus(30, ChronoUnit.MINUTES));

    // the running task keeps its version, also when its schedule is computed again
    assertThat(instance(running).getProcessDefinitionId()).isEqualTo(runningDefinition).isNotEqualTo(instance(urgent).getProcessDefinitionId());
    Instant later = due.plus(1, ChronoUnit.DAYS);
    JsonNode current = get("/api/tasks/" + running.get("id").asText(), rep1).body();
    put("/api/tasks/" + running.get("id").asText(), rep1, Map.of("version", current.get("version").asLong(), "due_date", later.toString()));
    assertThat(reminderOf(running)).isEqualTo(later.minus(1, ChronoUnit.HOURS));

    // an admin moves running instances to the new version: dry run first
    String key = running.get("id").asText();
    Response dryRun = post("/api/admin/processes/task-lifecycle/migrate", admin, null);
    assertThat(dryRun.status()).as("%s", dryRun.body()).isEqualTo(200);
    assertThat(resultFor(dryRun.body(), key).get("reason").asText()).isEqualTo("can be migrated");
    assertThat(instance(running).getProcessDefinitionId()).isEqualTo(runningDefinition);
    Response migrated = post("/api/admin/processes/task-lifecycle/migrate?dry_run=false", admin, null);
    assertThat(resultFor(migrated.body(), key).get("migrated").asBoolean()).isTrue();
    assertThat(instance(running).getProcessDefinitionId()).isEqualTo(instance(urgent).getProcessDefinitionId());

    // every step is audited, newest first
    JsonNode audit = get("/api/admin/models/deployments", admin).body();
    assertThat(audit.get(0).get("outcome").asText()).isEqualTo("migrated");
    assertThat(audit.get(1).get("outcome").asText()).isEqualTo("deployed");
    assertThat(audit.get(1).get("actor").asText()).isEqualTo("admin");
    assertThat(audit.get(1).get("versions").has("task-assignment")).isTrue();
    // and in the company's audit trail, with the request's id and address
    JsonNode trail = get("/api/admin/audit?entity_type=model_deployment&actor=admin", admin).body();
    assertThat(trail).extracting(e -> e.get("action").asText()).contains("deploy", "migrate");
    assertThat(trail.get(0).get("request_id").asText()).isNotBlank();
  }

  @Test
  void aBrokenModelIsRefusedAndTheLiveVersionStays() throws IOException {
    String liveDefinition = latestLifecycle();
    edit("bpmn/task-lifecycle.bpmn", s -> s.replace("${escalateTask}", "${escalateTaskNow}"));

    Response refused = post("/api/admin/models/deploy", admin, null);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("error_code").asText()).isEqualTo("invalid_models");
    assertThat(refused.body().get("details").get(0).get("field").asText()).isEqualTo("bpmn/task-lifecycle.bpmn#Task_EscalateTask");
    assertThat(refused.body().get("details").get(0).get("message").asText()).contains("escalateTaskNow");
    assertThat(latestLifecycle()).isEqualTo(liveDefinition);
    assertThat(get("/api/admin/models/deployments", admin).body().get(0).get("outcome").asText()).isEqualTo("refused");
  }

  @Test
  void onlyAdminsDeployAndOnlyAdminsAndAnalystsReadTheModelPages() {
    Staff acme = companies.create();
    String manager = tokenFor(acme.manager());
    assertThat(post("/api/admin/models/deploy", manager, null).status()).isEqualTo(403);
    assertThat(post("/api/admin/processes/task-lifecycle/migrate", manager, null).status()).isEqualTo(403);
    assertThat(get("/api/admin/models/deployments", manager).status()).isEqualTo(403);
    assertThat(post("/api/admin/models/deploy", null, null).status()).isEqualTo(401);
    assertThat(get("/api/admin/models/docs", manager).status()).isEqualTo(403);

    String analyst = tokenFor("analyst1", "analyst1");
    Response index = get("/api/admin/models/docs", analyst);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body().asText()).contains("task-lifecycle.html", "task-escalation-policy.html");
    Response table = get("/api/admin/models/docs/task-approval", analyst);
    assertThat(table.body().asText()).contains("Hit policy", "&quot;discount_request&quot;", "approverGroup");
    assertThat(get("/api/admin/models/docs/nothing-here", analyst).status()).isEqualTo(404);
    assertThat(post("/api/admin/processes/no-such-process/migrate", admin, null).status()).isEqualTo(400);
  }

  private static final String KEY_ACCOUNT_RULE =
      """
      <rule id="Rule_KeyAccountRenewal">
              <description>Renewals of platinum customers go to the key-account team.</description>
              <inputEntry id="InputEntry_KA_TaskType"><text>"renewal"</text></inputEntry>
              <inputEntry id="InputEntry_KA_Category"><text></text></inputEntry>
              <inputEntry id="InputEntry_KA_Priority"><text></text></inputEntry>
              <inputEntry id="InputEntry_KA_CustomerTier"><text>"platinum"</text></inputEntry>
              <outputEntry id="OutputEntry_KA_Team"><text>"key_accounts"</text></outputEntry>
              <outputEntry id="OutputEntry_KA_Skill"><text></text></outputEntry>
              <outputEntry id="OutputEntry_KA_Strategy"><text>"least_loaded"</text></outputEntry>
            </rule>""";

  private ProcessInstance instance(JsonNode task) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("task-lifecycle")
        .processInstanceBusinessKey(task.get("id").asText()).singleResult();
  }

  private Instant reminderOf(JsonNode task) {
    return management.createJobQuery().processInstanceId(instance(task).getId()).activityId("Event_ReminderDue")
        .singleResult().getDuedate().toInstant();
  }

  private String latestLifecycle() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("task-lifecycle").latestVersion().singleResult().getId();
  }

  private static JsonNode resultFor(JsonNode report, String businessKey) {
    for (JsonNode instance : report.get("instances")) {
      if (businessKey.equals(instance.get("business_key").asText())) {
        return instance;
      }
    }
    throw new AssertionError("no result for " + businessKey + " in " + report);
  }

  private static void edit(String file, java.util.function.UnaryOperator<String> change) throws IOException {
    Path path = MODELS.resolve(file);
    Files.writeString(path, change.apply(Files.readString(path)));
  }

  private static void copyRepositoryModels() throws IOException {
    if (Files.exists(MODELS)) {
      try (Stream<Path> old = Files.walk(MODELS)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    for (String folder : new String[] {"bpmn", "dmn", "dmn/tests", "forms", ".camunda/element-templates"}) {
      Files.createDirectories(MODELS.resolve(folder));
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, MODELS.resolve(folder).resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
