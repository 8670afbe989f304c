package com.activityflow.modeling;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Human-readable pages of the models: per process an outline of its elements in the order of the
 * file (what each does, which bean, decision, form, timer or condition), its variables, and the
 * decisions and forms it uses; per decision its inputs, outputs, hit policy and the table itself.
 */
public final class ModelDocs {

  private static final String CAMUNDA_NS = ModelValidator.CAMUNDA_NS;
  private static final String STYLE =
      "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
          + "table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
          + "vertical-align:top;text-align:left}th{background:#f3f3f3}code{background:#f6f6f6;padding:0 3px}"
          + ".doc{color:#555}</style>";

  /** Which mail each notifying bean sends; the generic sendNotification takes it as an input. */
  private static final Map<String, String> NOTIFICATIONS =
      Map.of(
          "notifyAssignment", "task_assigned or task_queued",
          "requestApproval", "approval_requested",
          "recordApproval", "approval_decided",
          "rejectTask", "approval_decided",
          "sendReminder", "task_reminder",
          "escalateTask", "task_escalated",
          "sendEmail", "the queued notification");

  private ModelDocs() {}

  private static String beanOf(String expression) {
    return expression == null ? "" : expression.replaceAll("[$#{}\\s]", "");
  }

  /** Pages by file name: {@code index.html}, {@code <process or decision id>.html}. */
  public static Map<String, String> pages(ModelFiles models) {
    Map<String, String> pages = new LinkedHashMap<>();
    StringBuilder index = new StringBuilder(head("Activity Flow models")).append("<h1>Activity Flow models</h1><h2>Processes</h2><ul>");
    List<String> decisions = new ArrayList<>();
    models.withSuffix(".bpmn").forEach((file, bytes) -> {
      BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
      for (Process process : model.getModelElementsByType(Process.class)) {
        pages.put(process.getId() + ".html", processPage(file, model, process));
        index.append("<li><a href=\"").append(htmlEscape(process.getId())).append(".html\">")
            .append(htmlEscape(nameOf(process.getName(), process.getId()))).append("</a> <span class=doc>")
            .append(htmlEscape(doc(process.getDocumentations()))).append("</span></li>");
      }
    });
    index.append("</ul><h2>Decisions</h2><ul>");
    models.withSuffix(".dmn").forEach((file, bytes) -> {
      DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        pages.put(decision.getId() + ".html", decisionPage(file, decision));
        decisions.add(decision.getId());
        index.append("<li><a href=\"").append(htmlEscape(decision.getId())).append(".html\">")
            .append(htmlEscape(nameOf(decision.getName(), decision.getId()))).append("</a></li>");
      }
    });
    index.append("</ul></body></html>");
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("index.html", index.toString());
    ordered.putAll(pages);
    return ordered;
  }

  private static String processPage(String file, BpmnModelInstance model, Process process) {
    StringBuilder html = new StringBuilder(head(nameOf(process.getName(), process.getId())));
    html.append("<p><a href=\"index.html\">All models</a></p><h1>").append(htmlEscape(nameOf(process.getName(), process.getId())))
        .append("</h1><p>Process <code>").append(htmlEscape(process.getId())).append("</code> in <code>").append(htmlEscape(file))
        .append("</code>; history kept ").append(htmlEscape(String.valueOf(process.getCamundaHistoryTimeToLiveString()))).append("</p>")
        .append("<p class=doc>").append(htmlEscape(doc(process.getDocumentations()))).append("</p>");
    for (CamundaProperty property : model.getModelElementsByType(CamundaProperty.class)) {
      if (ModelValidator.VARIABLES_PROPERTY.equals(property.getCamundaName())) {
        html.append("<h2>Variables</h2><p><code>").append(htmlEscape(property.getCamundaValue())).append("</code></p>");
      }
    }
    java.util.Set<String> decisionsUsed = new java.util.TreeSet<>();
    java.util.Set<String> formsUsed = new java.util.TreeSet<>();
    java.util.Set<String> notifications = new java.util.TreeSet<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node.getAttributeValueNs(CAMUNDA_NS, "decisionRef") != null) {
        decisionsUsed.add(node.getAttributeValueNs(CAMUNDA_NS, "decisionRef"));
      }
      if (node.getAttributeValueNs(CAMUNDA_NS, "formRef") != null) {
        formsUsed.add(node.getAttributeValueNs(CAMUNDA_NS, "formRef"));
      }
      String bean = beanOf(node.getAttributeValueNs(CAMUNDA_NS, "delegateExpression"));
      if (NOTIFICATIONS.containsKey(bean)) {
        notifications.add(NOTIFICATIONS.get(bean) + " (" + nameOf(node.getName(), node.getId()) + ")");
      }
      for (CamundaInputParameter in : node.getModelInstance().getModelElementsByType(CamundaInputParameter.class)) {
        if (isInside(in, node) && "notificationType".equals(in.getCamundaName())) {
          notifications.add(in.getTextContent() + " (" + nameOf(node.getName(), node.getId()) + ")");
        }
      }
    }
    html.append("<h2>Uses</h2><p>Decisions: ");
    decisionsUsed.forEach(d -> html.append("<a href=\"").append(htmlEscape(d)).append(".html\">").append(htmlEscape(d)).append("</a> "));
    html.append("<br>Forms: ").append(htmlEscape(String.join(", ", formsUsed)))
        .append("<br>Notifications (mail templates in src/main/resources/mail): ").append(htmlEscape(String.join("; ", notifications)))
        .append("</p>");
    html.append("<h2>Steps</h2><table><tr><th>Element</th><th>Kind</th><th>What it does</th><th>Implementation</th></tr>");
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      html.append("<tr><td><b>").append(htmlEscape(nameOf(node.getName(), ""))).append("</b><br><code>").append(htmlEscape(node.getId()))
          .append("</code></td><td>").append(htmlEscape(node.getElementType().getTypeName())).append("</td><td class=doc>")
          .append(htmlEscape(doc(node.getDocumentations()))).append("</td><td>").append(implementation(node)).append("</td></tr>");
    }
    html.append("</table><h2>Decisions on the way</h2><table><tr><th>Flow</th><th>From</th><th>To</th><th>Condition</th></tr>");
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      ConditionExpression condition = flow.getConditionExpression();
      boolean isDefault = flow.getSource().getAttributeValue("default") != null && flow.getSource().getAttributeValue("default").equals(flow.getId());
      if (condition != null || isDefault) {
        html.append("<tr><td>").append(htmlEscape(nameOf(flow.getName(), flow.getId()))).append("</td><td>")
            .append(htmlEscape(flow.getSource().getId())).append("</td><td>").append(htmlEscape(flow.getTarget().getId())).append("</td><td><code>")
            .append(htmlEscape(condition != null ? condition.getTextContent() : "default")).append("</code></td></tr>");
      }
    }
    return html.append("</table></body></html>").toString();
  }

  private static String implementation(FlowNode node) {
    List<String> parts = new ArrayList<>();
    add(parts, "bean", node.getAttributeValueNs(CAMUNDA_NS, "delegateExpression"));
    String decision = node.getAttributeValueNs(CAMUNDA_NS, "decisionRef");
    if (decision != null) {
      parts.add("decision <a href=\"" + htmlEscape(decision) + ".html\">" + htmlEscape(decision) + "</a>");
    }
    add(parts, "form", node.getAttributeValueNs(CAMUNDA_NS, "formRef"));
    add(parts, "assignee", node.getAttributeValueNs(CAMUNDA_NS, "assignee"));
    add(parts, "candidate groups", node.getAttributeValueNs(CAMUNDA_NS, "candidateGroups"));
    if ("true".equals(node.getAttributeValueNs(CAMUNDA_NS, "asyncBefore"))) {
      parts.add("runs as a job (retried, incident when retries run out)");
    }
    for (TimerEventDefinition timer : node.getChildElementsByType(TimerEventDefinition.class)) {
      if (timer.getTimeDate() != null) {
        add(parts, "timer at", timer.getTimeDate().getTextContent());
      }
      if (timer.getTimeDuration() != null) {
        add(parts, "timer after", timer.getTimeDuration().getTextContent());
      }
    }
    for (CamundaTaskListener listener : node.getModelInstance().getModelElementsByType(CamundaTaskListener.class)) {
      if (isInside(listener, node)) {
        add(parts, "on " + listener.getCamundaEvent(), listener.getCamundaDelegateExpression());
      }
    }
    for (CamundaInputParameter in : node.getModelInstance().getModelElementsByType(CamundaInputParameter.class)) {
      if (isInside(in, node)) {
        add(parts, "input " + in.getCamundaName(), in.getTextContent());
      }
    }
    for (CamundaOutputParameter out : node.getModelInstance().getModelElementsByType(CamundaOutputParameter.class)) {
      if (isInside(out, node)) {
        add(parts, "output " + out.getCamundaName(), out.getTextContent());
      }
    }
    return String.join("<br>", parts);
  }

  private static boolean isInside(org.camunda.bpm.model.xml.instance.ModelElementInstance element, FlowNode node) {
    var current = element.getParentElement();
    while (current != null) {
      if (current == node) {
        return true;
      }
      if (current instanceof FlowNode) {
        return false;
      }
      current = current.getParentElement();
    }
    return false;
  }

  private static void add(List<String> parts, String label, String value) {
    if (value != null && !value.isBlank()) {
      parts.add(htmlEscape(label) + ": <code>" + htmlEscape(value) + "</code>");
    }
  }

  private static String decisionPage(String file, Decision decision) {
    StringBuilder html = new StringBuilder(head(nameOf(decision.getName(), decision.getId())));
    html.append("<p><a href=\"index.html\">All models</a></p><h1>").append(htmlEscape(nameOf(decision.getName(), decision.getId())))
        .append("</h1><p>Decision <code>").append(htmlEscape(decision.getId())).append("</code> in <code>").append(htmlEscape(file))
        .append("</code>; test cases in <code>dmn/tests/").append(htmlEscape(decision.getId())).append(".csv</code></p>");
    if (decision.getDescription() != null) {
      html.append("<p class=doc>").append(htmlEscape(decision.getDescription().getTextContent())).append("</p>");
    }
    for (DecisionTable table : decision.getChildElementsByType(DecisionTable.class)) {
      html.append("<p>Hit policy: <b>").append(htmlEscape(String.valueOf(table.getHitPolicy()))).append("</b></p><table><tr><th>#</th>");
      for (Input input : table.getInputs()) {
        html.append("<th>").append(htmlEscape(nameOf(input.getLabel(), ""))).append("<br><code>")
            .append(htmlEscape(input.getInputExpression().getText().getTextContent())).append("</code> (")
            .append(htmlEscape(String.valueOf(input.getInputExpression().getTypeRef()))).append(")</th>");
      }
      for (Output output : table.getOutputs()) {
        html.append("<th>&rarr; ").append(htmlEscape(nameOf(output.getLabel(), output.getName()))).append("<br><code>")
            .append(htmlEscape(output.getName())).append("</code> (").append(htmlEscape(String.valueOf(output.getTypeRef()))).append(")</th>");
      }
      html.append("<th>Why</th></tr>");
      int number = 1;
      for (Rule rule : table.getRules()) {
        html.append("<tr><td>").append(number++).append("</td>");
        for (InputEntry entry : rule.getInputEntries()) {
          String text = entry.getTextContent().isBlank() ? "any" : entry.getText().getTextContent();
          html.append("<td><code>").append(htmlEscape(text)).append("</code></td>");
        }
        for (OutputEntry entry : rule.getOutputEntries()) {
          String text = entry.getTextContent().isBlank() ? "(none)" : entry.getText().getTextContent();
          html.append("<td><code>").append(htmlEscape(text)).append("</code></td>");
        }
        html.append("<td class=doc>").append(rule.getDescription() == null ? "" : htmlEscape(rule.getDescription().getTextContent())).append("</td></tr>");
      }
      html.append("</table>");
    }
    return html.append("</body></html>").toString();
  }

  private static String head(String title) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + htmlEscape(title) + "</title>" + STYLE + "</head><body>";
  }

  private static String doc(java.util.Collection<Documentation> docs) {
    return docs.stream().map(Documentation::getTextContent).findFirst().orElse("");
  }

  private static String nameOf(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name;
  }
}
