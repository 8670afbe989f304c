package com.activityflow.modeling;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys models so that only what changed makes new versions, all in one deployment, and a
 * process always runs with the decisions and forms of its own deployment (bindings
 * {@code deployment}): when a decision or form changes, the processes using it are deployed with
 * it; a process is always deployed with the decisions and forms it uses. Running instances keep
 * their version. Invalid models are refused before anything is deployed.
 */
public class ModelDeployer {

  public static final String DEPLOYMENT_NAME = "activity-flow";
  private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);
  private static final String CAMUNDA_NS = ModelValidator.CAMUNDA_NS;

  /** What a deployment did; {@code deploymentId} is null when nothing had changed. */
  public record Outcome(String deploymentId, List<String> files, Map<String, Integer> versions) {
    public boolean changed() {
      return deploymentId != null;
    }
  }

  private final RepositoryService repository;
  private final ModelValidator validator;
  private final ModelDeploymentAudit audit;

  public ModelDeployer(RepositoryService repository, ModelValidator validator, ModelDeploymentAudit audit) {
    this.repository = repository;
    this.validator = validator;
    this.audit = audit;
  }

  public Outcome deploy(ModelFiles models, String actor, String source) {
    List<ModelProblem> problems = validator.validate(models);
    if (!problems.isEmpty()) {
      audit.refused(actor, source, List.copyOf(models.deployable().keySet()), problems);
      throw new InvalidModelsException(problems);
    }
    Map<String, byte[]> candidates = models.deployable();
    Map<String, byte[]> live = latestDeployed();
    Set<String> changed = new TreeSet<>();
    candidates.forEach((name, bytes) -> {
      if (!Arrays.equals(bytes, live.get(name))) {
        changed.add(name);
      }
    });
    Set<String> toDeploy = withDependencies(changed, candidates);
    if (toDeploy.isEmpty()) {
      audit.unchanged(actor, source, List.copyOf(candidates.keySet()));
      return new Outcome(null, List.of(), Map.of());
    }
    DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).source(source);
    toDeploy.forEach(name -> builder.addInputStream(name, new ByteArrayInputStream(candidates.get(name))));
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    Map<String, Integer> versions = new LinkedHashMap<>();
    if (deployment.getDeployedProcessDefinitions() != null) {
      deployment.getDeployedProcessDefinitions().forEach(d -> versions.put(d.getKey(), d.getVersion()));
    }
    if (deployment.getDeployedDecisionDefinitions() != null) {
      deployment.getDeployedDecisionDefinitions().forEach(d -> versions.put(d.getKey(), d.getVersion()));
    }
    List<String> files = List.copyOf(toDeploy);
    audit.deployed(actor, source, deployment.getId(), files, versions);
    log.info("Deployed {} by {} ({}): {}", files, actor, source, versions);
    return new Outcome(deployment.getId(), files, versions);
  }

  /** The bytes of each resource name as last deployed under {@value #DEPLOYMENT_NAME}. */
  Map<String, byte[]> latestDeployed() {
    Map<String, byte[]> live = new HashMap<>();
    for (Deployment deployment :
        repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME).orderByDeploymentTime().desc().list()) {
      for (Resource resource : repository.getDeploymentResources(deployment.getId())) {
        if (!live.containsKey(resource.getName())) {
          try (InputStream in = repository.getResourceAsStreamById(deployment.getId(), resource.getId())) {
            live.put(resource.getName(), in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return live;
  }

  /** Changed files, the processes using a changed decision or form, and everything those processes use. */
  static Set<String> withDependencies(Set<String> changed, Map<String, byte[]> all) {
    Map<String, String> fileOfDecision = new HashMap<>();
    Map<String, String> fileOfForm = new HashMap<>();
    Map<String, Set<String>> usesOfProcessFile = new TreeMap<>();
    all.forEach(
        (name, bytes) -> {
          if (name.endsWith(".dmn")) {
            Dmn.readModelFromStream(new ByteArrayInputStream(bytes))
                .getModelElementsByType(Decision.class)
                .forEach(d -> fileOfDecision.put(d.getId(), name));
          } else if (name.endsWith(".form")) {
            String id = formId(bytes);
            if (id != null) {
              fileOfForm.put(id, name);
            }
          }
        });
    all.forEach(
        (name, bytes) -> {
          if (name.endsWith(".bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
            Set<String> uses = new TreeSet<>();
            for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
              String decision = element.getAttributeValueNs(CAMUNDA_NS, "decisionRef");
              if (decision != null && fileOfDecision.containsKey(decision)) {
                uses.add(fileOfDecision.get(decision));
              }
              String form = element.getAttributeValueNs(CAMUNDA_NS, "formRef");
              if (form != null && fileOfForm.containsKey(form)) {
                uses.add(fileOfForm.get(form));
              }
            }
            usesOfProcessFile.put(name, uses);
          }
        });
    Set<String> result = new TreeSet<>(changed);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Set<String>> process : usesOfProcessFile.entrySet()) {
        boolean usesDeployed = process.getValue().stream().anyMatch(result::contains);
        if (usesDeployed && result.add(process.getKey())) {
          grew = true;
        }
        if (result.contains(process.getKey()) && result.addAll(process.getValue())) {
          grew = true;
        }
      }
    }
    return result;
  }

  private static String formId(byte[] bytes) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes).path("id").asText(null);
    } catch (IOException e) {
      return null;
    }
  }
}
