package com.activityflow.modeling;

import com.activityflow.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analysts' models, live: validate and deploy the configured folder (admins), migrate
 * running instances (admins, with a dry run), read the deployment audit (admins) and the
 * generated model pages (admins and analysts).
 */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Models")
@SecurityRequirement(name = "bearer")
class ModelAdminController {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private final ModelDeployer deployer;
  private final ModelValidator validator;
  private final ProcessMigrator migrator;
  private final ModelDeploymentAudit audit;
  private final ModelingConfiguration.ModelsProperties properties;
  private final CurrentUser currentUser;

  ModelAdminController(
      ModelDeployer deployer,
      ModelValidator validator,
      ProcessMigrator migrator,
      ModelDeploymentAudit audit,
      ModelingConfiguration.ModelsProperties properties,
      CurrentUser currentUser) {
    this.deployer = deployer;
    this.validator = validator;
    this.migrator = migrator;
    this.audit = audit;
    this.properties = properties;
    this.currentUser = currentUser;
  }

  record Validation(boolean valid, String directory, List<ModelProblem> problems) {}

  @PostMapping("/models/validate")
  @PreAuthorize("@modelAccessPolicy.mayReadModels(principal)")
  @Operation(summary = "Check the models of the configured folder without deploying them")
  Validation validate() {
    List<ModelProblem> problems = validator.validate(folder());
    return new Validation(problems.isEmpty(), properties.dir().toAbsolutePath().normalize().toString(), problems);
  }

  @PostMapping("/models/deploy")
  @PreAuthorize("@modelAccessPolicy.mayDeploy(principal)")
  @Operation(summary = "Validate and deploy the configured folder; only changed files make new versions")
  ModelDeployer.Outcome deploy() {
    return deployer.deploy(folder(), currentUser.get().username(), "api");
  }

  @GetMapping("/models/deployments")
  @PreAuthorize("@modelAccessPolicy.mayDeploy(principal)")
  @Operation(summary = "The audit of deployments, refusals and migrations, newest first")
  List<ModelDeploymentAudit.Entry> deployments(@RequestParam(name = "limit", defaultValue = "50") int limit) {
    return audit.latest(Math.max(1, Math.min(limit, 500)));
  }

  @PostMapping("/processes/{key}/migrate")
  @PreAuthorize("@modelAccessPolicy.mayDeploy(principal)")
  @Operation(summary = "Move running instances to the newest version; dry_run=true (default) only reports")
  ProcessMigrator.Report migrate(
      @PathVariable String key, @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("'" + key + "' is not a process key");
    }
    return migrator.migrateToLatest(key, dryRun, currentUser.get().username());
  }

  @GetMapping({"/models/docs", "/models/docs/{page}"})
  @PreAuthorize("@modelAccessPolicy.mayReadModels(principal)")
  @Operation(summary = "Generated pages of the deployed models (index, or one process or decision)")
  ResponseEntity<String> docs(@PathVariable(name = "page", required = false) String page) {
    String name = page == null ? "index.html" : page.endsWith(".html") ? page : page + ".html";
    String html = ModelDocs.pages(deployedModels()).get(name);
    return html == null
        ? ResponseEntity.notFound().build()
        : ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
  }

  private ModelFiles folder() {
    if (!Files.isDirectory(properties.dir().resolve("bpmn"))) {
      throw new IllegalArgumentException(
          "The models folder " + properties.dir().toAbsolutePath().normalize() + " has no bpmn/ folder; set ACTIVITYFLOW_MODELS_DIR");
    }
    return ModelFiles.fromDirectory(properties.dir());
  }

  /** The live models: for each resource name, its latest deployed content. */
  private ModelFiles deployedModels() {
    Map<String, byte[]> live = deployer.latestDeployed();
    return new ModelFiles(live, false);
  }
}
