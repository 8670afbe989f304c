package com.activityflow.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Checks a set of models before anything is deployed. Every problem names the file, the element
 * and what to do: the model parses, has diagram layout (so it opens in Modeler), a history time
 * to live; every delegate expression names an existing bean; every decision, form and called
 * process it refers to exists; every variable an expression reads is declared (the process's
 * {@code variables} extension property, output/input parameters, or a field of its forms); every
 * decision table has test cases; every element template refers to existing beans and decisions.
 */
public class ModelValidator {

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  /** Process extension property listing the variables the process works with. */
  public static final String VARIABLES_PROPERTY = "variables";

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)\\}", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_][A-Za-z0-9_]*)(\\s*\\()?");
  private static final Set<String> EL_WORDS =
      Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "true", "false", "null", "empty", "div", "mod",
          "instanceof");
  private static final Set<String> ENGINE_NAMES =
      Set.of("execution", "task", "decisionResult", "authenticatedUserId", "variableScope", "externalTask");
  private static final String[] EXPRESSION_ATTRIBUTES = {
    "expression", "assignee", "candidateGroups", "candidateUsers", "dueDate", "followUpDate", "priority",
    "decisionRef", "calledElement"
  };

  private final Predicate<String> beanExists;
  private final ObjectMapper json = new ObjectMapper();

  public ModelValidator(Predicate<String> beanExists) {
    this.beanExists = beanExists;
  }

  private record Bpmn(String file, BpmnModelInstance model) {}

  public List<ModelProblem> validate(ModelFiles files) {
    List<ModelProblem> problems = new ArrayList<>();
    Map<String, Set<String>> formKeysById = new HashMap<>();
    Set<String> decisionIds = new HashSet<>();
    Set<String> processIds = new HashSet<>();

    files.withSuffix(".form").forEach((file, bytes) -> checkForm(file, bytes, formKeysById, problems));
    files.withSuffix(".dmn").forEach((file, bytes) -> checkDecisions(file, bytes, files, decisionIds, problems));
    List<Bpmn> processes = new ArrayList<>();
    files.withSuffix(".bpmn").forEach(
        (file, bytes) -> {
          try {
            BpmnModelInstance model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
            processes.add(new Bpmn(file, model));
            model.getModelElementsByType(Process.class).forEach(p -> processIds.add(p.getId()));
          } catch (RuntimeException e) {
            problems.add(new ModelProblem(file, null, "does not parse as BPMN 2.0 (" + rootMessage(e) + "); open it in Camunda Modeler and save it again"));
          }
        });
    for (Bpmn bpmn : processes) {
      checkProcess(bpmn.file(), bpmn.model(), decisionIds, processIds, formKeysById, problems);
    }
    files.templates().forEach((file, bytes) -> checkTemplates(file, bytes, decisionIds, problems));
    return problems;
  }

  // BPMN

  private void checkProcess(
      String file,
      BpmnModelInstance model,
      Set<String> decisionIds,
      Set<String> processIds,
      Map<String, Set<String>> formKeysById,
      List<ModelProblem> problems) {
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.getCamundaHistoryTimeToLiveString() == null || process.getCamundaHistoryTimeToLiveString().isBlank()) {
        problems.add(new ModelProblem(file, process.getId(), "has no history time to live; set it in the process's History cleanup section (e.g. P180D)"));
      }
    }
    Set<String> laidOut = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(s -> { if (s.getBpmnElement() != null) laidOut.add(s.getBpmnElement().getId()); });
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> { if (e.getBpmnElement() != null) laidOut.add(e.getBpmnElement().getId()); });
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!laidOut.contains(node.getId())) {
        problems.add(new ModelProblem(file, node.getId(), "has no diagram layout, so Modeler cannot show it; place it in the diagram with Camunda Modeler"));
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!laidOut.contains(flow.getId())) {
        problems.add(new ModelProblem(file, flow.getId(), "has no diagram layout (edge); reconnect it in Camunda Modeler"));
      }
    }

    // what the process declares
    Set<String> declared = new HashSet<>();
    for (CamundaProperty property : model.getModelElementsByType(CamundaProperty.class)) {
      if (VARIABLES_PROPERTY.equals(property.getCamundaName()) && property.getParentElement().getParentElement().getParentElement() instanceof Process) {
        for (String name : String.valueOf(property.getCamundaValue()).split("[,\\s]+")) {
          if (!name.isBlank()) {
            declared.add(name.trim());
          }
        }
      }
    }
    model.getModelElementsByType(CamundaOutputParameter.class).forEach(p -> declared.add(p.getCamundaName()));
    model.getModelElementsByType(CamundaInputParameter.class).forEach(p -> declared.add(p.getCamundaName()));

    // references
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String id = element.getId();
      String decisionRef = element.getAttributeValueNs(CAMUNDA_NS, "decisionRef");
      if (decisionRef != null && !decisionRef.contains("${") && !decisionIds.contains(decisionRef)) {
        problems.add(new ModelProblem(file, id, "refers to decision '" + decisionRef + "', which no file in dmn/ defines; fix the Decision reference or add the table"));
      }
      String formRef = element.getAttributeValueNs(CAMUNDA_NS, "formRef");
      if (formRef != null && !formRef.contains("${")) {
        if (!formKeysById.containsKey(formRef)) {
          problems.add(new ModelProblem(file, id, "refers to form '" + formRef + "', which no file in forms/ defines; fix the Form reference or add the form"));
        } else {
          declared.addAll(formKeysById.get(formRef));
        }
      }
      String calledElement = element.getAttributeValue("calledElement");
      if (calledElement != null && !calledElement.contains("${") && !processIds.contains(calledElement)) {
        problems.add(new ModelProblem(file, id, "calls process '" + calledElement + "', which no file in bpmn/ defines"));
      }
      String resultVariable = element.getAttributeValueNs(CAMUNDA_NS, "resultVariable");
      if (resultVariable != null) {
        declared.add(resultVariable);
      }
    }

    // expressions
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String delegate = element.getAttributeValueNs(CAMUNDA_NS, "delegateExpression");
      if (delegate != null) {
        checkDelegate(file, element.getId(), delegate, problems);
      }
      for (String attribute : EXPRESSION_ATTRIBUTES) {
        String value = element.getAttributeValueNs(CAMUNDA_NS, attribute);
        if (value == null && attribute.equals("calledElement")) {
          value = element.getAttributeValue(attribute);
        }
        checkReads(file, element.getId(), value, declared, problems);
      }
    }
    for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
      if (listener.getCamundaDelegateExpression() != null) {
        checkDelegate(file, ownerId(listener), listener.getCamundaDelegateExpression(), problems);
      }
      checkReads(file, ownerId(listener), listener.getCamundaExpression(), declared, problems);
    }
    for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
      if (listener.getCamundaDelegateExpression() != null) {
        checkDelegate(file, ownerId(listener), listener.getCamundaDelegateExpression(), problems);
      }
      checkReads(file, ownerId(listener), listener.getCamundaExpression(), declared, problems);
    }
    for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
      checkReads(file, ownerId(condition), condition.getTextContent(), declared, problems);
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      for (var expression : new ModelElementInstance[] {timer.getTimeDate(), timer.getTimeCycle(), timer.getTimeDuration()}) {
        if (expression != null) {
          checkReads(file, ownerId(timer), expression.getTextContent(), declared, problems);
        }
      }
    }
    for (CamundaInputParameter parameter : model.getModelElementsByType(CamundaInputParameter.class)) {
      checkReads(file, ownerId(parameter), parameter.getTextContent(), declared, problems);
    }
    for (CamundaOutputParameter parameter : model.getModelElementsByType(CamundaOutputParameter.class)) {
      checkReads(file, ownerId(parameter), parameter.getTextContent(), declared, problems);
    }
  }

  private void checkDelegate(String file, String elementId, String expression, List<ModelProblem> problems) {
    Matcher m = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\s*$").matcher(expression);
    if (!m.matches()) {
      problems.add(new ModelProblem(file, elementId, "delegate expression '" + expression + "' should name one bean, e.g. ${sendReminder}; pick an element template instead of typing it"));
    } else if (!beanExists.test(m.group(1))) {
      problems.add(new ModelProblem(file, elementId, "delegate expression names bean '" + m.group(1) + "', which the application does not have; pick one of the element templates or ask a developer for the bean"));
    }
  }

  private void checkReads(String file, String elementId, String text, Set<String> declared, List<ModelProblem> problems) {
    if (text == null) {
      return;
    }
    Matcher expressions = EXPRESSION.matcher(text);
    while (expressions.find()) {
      String body = STRING_LITERAL.matcher(expressions.group(1)).replaceAll("''");
      Matcher identifiers = IDENTIFIER.matcher(body);
      Set<String> unknown = new LinkedHashSet<>();
      while (identifiers.find()) {
        String name = identifiers.group(1);
        boolean isFunctionCall = identifiers.group(2) != null;
        if (isFunctionCall || EL_WORDS.contains(name) || ENGINE_NAMES.contains(name) || declared.contains(name) || beanExists.test(name)) {
          continue;
        }
        unknown.add(name);
      }
      for (String name : unknown) {
        problems.add(new ModelProblem(file, elementId, "reads variable '" + name + "', which the process does not declare; add it to the process's '" + VARIABLES_PROPERTY + "' extension property or correct the name"));
      }
    }
  }

  private static String ownerId(ModelElementInstance element) {
    ModelElementInstance current = element;
    while (current != null) {
      if (current instanceof BaseElement base && base.getId() != null) {
        return base.getId();
      }
      current = current.getParentElement();
    }
    return null;
  }

  // DMN

  private void checkDecisions(String file, byte[] bytes, ModelFiles files, Set<String> decisionIds, List<ModelProblem> problems) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
    } catch (RuntimeException e) {
      problems.add(new ModelProblem(file, null, "does not parse as DMN 1.3 (" + rootMessage(e) + "); open it in Camunda Modeler and save it again"));
      return;
    }
    Set<String> shapes = dmnShapes(bytes);
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (!decisionIds.add(decision.getId())) {
        problems.add(new ModelProblem(file, decision.getId(), "another file defines a decision with the same id; give one of them another id"));
      }
      if (decision.getCamundaHistoryTimeToLiveString() == null || decision.getCamundaHistoryTimeToLiveString().isBlank()) {
        problems.add(new ModelProblem(file, decision.getId(), "has no history time to live; set it in the decision's properties (e.g. P180D)"));
      }
      if (!shapes.contains(decision.getId())) {
        problems.add(new ModelProblem(file, decision.getId(), "has no diagram layout (DRD shape); open the file in Camunda Modeler and save it"));
      }
      boolean isTable = !decision.getChildElementsByType(DecisionTable.class).isEmpty();
      if (isTable && files.fromRepository() && !files.files().containsKey("dmn/tests/" + decision.getId() + ".csv")) {
        problems.add(new ModelProblem(file, decision.getId(), "has no test cases; add dmn/tests/" + decision.getId() + ".csv with a case for each rule"));
      }
    }
  }

  private static Set<String> dmnShapes(byte[] bytes) {
    Set<String> ids = new HashSet<>();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
      NodeList shapes = document.getElementsByTagNameNS("*", "DMNShape");
      for (int i = 0; i < shapes.getLength(); i++) {
        ids.add(((org.w3c.dom.Element) shapes.item(i)).getAttribute("dmnElementRef"));
      }
    } catch (Exception e) {
      // parse errors are reported by the model parser
    }
    return ids;
  }

  // forms

  private void checkForm(String file, byte[] bytes, Map<String, Set<String>> formKeysById, List<ModelProblem> problems) {
    try {
      JsonNode form = json.readTree(bytes);
      JsonNode id = form.get("id");
      if (id == null || id.asText().isBlank()) {
        problems.add(new ModelProblem(file, null, "has no form id; set the Form ID in Camunda Modeler"));
        return;
      }
      Set<String> keys = new HashSet<>();
      collectKeys(form.get("components"), keys);
      if (formKeysById.put(id.asText(), keys) != null) {
        problems.add(new ModelProblem(file, id.asText(), "another form has the same id; give one of them another id"));
      }
    } catch (Exception e) {
      problems.add(new ModelProblem(file, null, "is not a valid Camunda Form (" + rootMessage(e) + "); open it in Camunda Modeler and save it again"));
    }
  }

  private static void collectKeys(JsonNode components, Set<String> keys) {
    if (components == null || !components.isArray()) {
      return;
    }
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      collectKeys(component.get("components"), keys);
    }
  }

  // element templates

  private void checkTemplates(String file, byte[] bytes, Set<String> decisionIds, List<ModelProblem> problems) {
    try {
      JsonNode root = json.readTree(bytes);
      for (JsonNode template : root.isArray() ? root : json.createArrayNode().add(root)) {
        String templateId = template.path("id").asText(null);
        if (templateId == null || !template.has("appliesTo")) {
          problems.add(new ModelProblem(file, templateId, "an element template needs an id and appliesTo"));
          continue;
        }
        for (JsonNode property : template.path("properties")) {
          JsonNode binding = property.path("binding");
          String name = binding.path("name").asText("");
          String value = property.path("value").asText(null);
          if (value == null) {
            continue;
          }
          if (name.equals("camunda:delegateExpression")) {
            checkDelegate(file, templateId, value, problems);
          }
          if (name.equals("camunda:decisionRef") && !decisionIds.contains(value)) {
            problems.add(new ModelProblem(file, templateId, "refers to decision '" + value + "', which no file in dmn/ defines"));
          }
        }
      }
    } catch (Exception e) {
      problems.add(new ModelProblem(file, null, "is not valid JSON (" + rootMessage(e) + ")"));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }
}
