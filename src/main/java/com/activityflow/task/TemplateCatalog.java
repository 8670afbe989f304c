package com.activityflow.task;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.TeamInfo;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.domain.TaskTemplate;
import com.activityflow.task.domain.TaskTemplateRepository;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Task templates of a company (seed 000 section 4.1) and creating a task from one: texts with
 * {@code {{placeholder}}}s filled from the request's values and a few known ones
 * ({@code customer_name}, {@code due_date}, {@code creator_name}, {@code today}); a placeholder
 * without a value is refused, never rendered empty.
 */
@Service
@Transactional
public class TemplateCatalog {

  static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{\\{\\s*([a-z_][a-z0-9_]*)\\s*}}");
  private static final Set<String> ASSIGNEE_ROLES = Set.of("creator", "team_lead");

  public record TemplateView(
      UUID id, String templateName, String templateCode, String description, TaskType taskType, TaskCategory category,
      TaskPriority defaultPriority, String titleTemplate, String descriptionTemplate, boolean isActive, boolean isPublic,
      boolean requiresApproval, BigDecimal defaultEstimatedHours, Integer defaultDueDateOffset, boolean autoAssignment,
      String defaultAssigneeRole, List<String> placeholders, Instant createdAt, Instant updatedAt, long version) {

    static TemplateView of(TaskTemplate t) {
      Set<String> placeholders = new LinkedHashSet<>(placeholdersOf(t.getTitleTemplate()));
      placeholders.addAll(placeholdersOf(t.getDescriptionTemplate()));
      return new TemplateView(
          t.getId(), t.getTemplateName(), t.getTemplateCode(), t.getDescription(), t.getTaskType(), t.getCategory(),
          t.getDefaultPriority(), t.getTitleTemplate(), t.getDescriptionTemplate(), t.isActive(), t.isPublicTemplate(),
          t.isRequiresApproval(), t.getDefaultEstimatedHours(), t.getDefaultDueDateOffset(), t.isAutoAssignment(),
          t.getDefaultAssigneeRole(), List.copyOf(placeholders), t.getCreatedAt(), t.getUpdatedAt(), t.getVersion());
    }
  }

  /** A template's fields; on update, fields left out stay and {@code version} is required. */
  public record TemplateRequest(
      Long version,
      @Size(min = 1, max = 200, message = "template_name must have 1 to 200 characters") String templateName,
      @Pattern(regexp = "[A-Za-z0-9_-]{1,20}", message = "template_code is 1 to 20 letters, digits, - or _") String templateCode,
      @Size(max = 5000, message = "description is at most 5000 characters") String description,
      TaskType taskType,
      TaskCategory category,
      TaskPriority defaultPriority,
      @Size(min = 1, max = 200, message = "title_template must have 1 to 200 characters") String titleTemplate,
      @Size(max = 20000, message = "description_template is at most 20000 characters") String descriptionTemplate,
      Boolean isActive,
      Boolean isPublic,
      Boolean requiresApproval,
      @DecimalMin(value = "0", message = "default_estimated_hours cannot be negative")
          @DecimalMax(value = "99999999", message = "default_estimated_hours is too large")
          BigDecimal defaultEstimatedHours,
      @Min(value = 0, message = "default_due_date_offset cannot be negative")
          @Max(value = 3650, message = "default_due_date_offset is at most 3650 days")
          Integer defaultDueDateOffset,
      Boolean autoAssignment,
      @Pattern(regexp = "creator|team_lead|", message = "default_assignee_role is creator or team_lead") String defaultAssigneeRole) {}

  /** What a template gives a new task. */
  public record Filled(
      String title, String description, TaskType taskType, TaskCategory category, TaskPriority priority,
      BigDecimal estimatedHours, Instant dueDate, boolean requiresApproval, boolean isPublic, UUID assigneeUserId) {}

  private final TaskTemplateRepository templates;
  private final DirectoryService directory;
  private final Clock clock;
  private final com.activityflow.audit.AuditTrail audit;

  TemplateCatalog(TaskTemplateRepository templates, DirectoryService directory, Clock clock, com.activityflow.audit.AuditTrail audit) {
    this.templates = templates;
    this.directory = directory;
    this.clock = clock;
    this.audit = audit;
  }

  private void audit(UUID companyId, String action, TaskTemplate template, TemplateView before) {
    TemplateView after = TemplateView.of(template);
    java.util.Map<String, String> old = before == null ? Map.of() : fields(before);
    audit.record(companyId, directory.findUser(currentUsername()).map(DirectoryUser::id).orElse(null), currentUsername(), action,
        "task_template", template.getId().toString(), com.activityflow.audit.AuditTrail.diff(old, fields(after)), null);
  }

  private static String currentUsername() {
    var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
    return authentication == null ? null : authentication.getName();
  }

  private static java.util.Map<String, String> fields(TemplateView v) {
    java.util.Map<String, String> m = new LinkedHashMap<>();
    m.put("template_name", v.templateName());
    m.put("template_code", v.templateCode());
    m.put("task_type", String.valueOf(v.taskType()));
    m.put("title_template", v.titleTemplate());
    m.put("description_template", v.descriptionTemplate());
    m.put("default_priority", String.valueOf(v.defaultPriority()));
    m.put("is_active", String.valueOf(v.isActive()));
    m.put("requires_approval", String.valueOf(v.requiresApproval()));
    m.put("default_due_date_offset", String.valueOf(v.defaultDueDateOffset()));
    m.put("default_assignee_role", v.defaultAssigneeRole());
    return m;
  }

  @Transactional(readOnly = true)
  public List<TemplateView> list(UUID companyId, Boolean active, TaskType type, TaskCategory category) {
    return templates.findByCompanyIdOrderByTemplateCode(companyId).stream()
        .filter(t -> active == null || t.isActive() == active)
        .filter(t -> type == null || t.getTaskType() == type)
        .filter(t -> category == null || t.getCategory() == category)
        .map(TemplateView::of)
        .toList();
  }

  @Transactional(readOnly = true)
  public TemplateView get(UUID companyId, UUID id) {
    return TemplateView.of(load(companyId, id));
  }

  public TemplateView create(DirectoryUser user, TemplateRequest r) {
    Map<String, String> missing = new LinkedHashMap<>();
    if (r.templateName() == null) missing.put("template_name", "template_name is required");
    if (r.templateCode() == null) missing.put("template_code", "template_code is required");
    if (r.taskType() == null) missing.put("task_type", "task_type is required");
    if (r.titleTemplate() == null) missing.put("title_template", "title_template is required");
    if (!missing.isEmpty()) {
      throw RuleViolationException.invalidFields(missing);
    }
    if (templates.findByCompanyIdAndTemplateCode(user.companyId(), r.templateCode()).isPresent()) {
      throw RuleViolationException.conflict("template_code_taken", "template_code", "Template code " + r.templateCode() + " is already used");
    }
    TaskTemplate template = new TaskTemplate(user.companyId(), r.templateCode(), user.id(), clock.instant());
    apply(template, r);
    templates.saveAndFlush(template);
    audit(user.companyId(), "create", template, null);
    return TemplateView.of(template);
  }

  public TemplateView update(UUID companyId, UUID id, TemplateRequest r) {
    TaskTemplate template = load(companyId, id);
    if (r.version() == null || r.version() != template.getVersion()) {
      throw RuleViolationException.conflict("version_conflict", "version", "The template is at version " + template.getVersion() + ", not " + r.version());
    }
    if (r.templateCode() != null && !r.templateCode().equals(template.getTemplateCode())) {
      throw RuleViolationException.invalid("template_code_fixed", "template_code", "A template's code cannot change; create a new template");
    }
    TemplateView before = TemplateView.of(template);
    apply(template, r);
    templates.flush();
    audit(companyId, "update", template, before);
    return TemplateView.of(template);
  }

  /** Deactivates the template; tasks made from it are not affected. */
  public void deactivate(UUID companyId, UUID id) {
    TaskTemplate template = load(companyId, id);
    TemplateView before = TemplateView.of(template);
    template.apply(null, null, null, null, null, null, null, false, null, null, null, null, null, null, clock.instant());
    audit(companyId, "delete", template, before);
  }

  /** Fills a new task from the active template {@code code}; throws naming any missing placeholder. */
  @Transactional(readOnly = true)
  public Filled fill(DirectoryUser creator, String code, Map<String, String> values, UUID customerId, Instant requestedDue) {
    TaskTemplate template =
        templates.findByCompanyIdAndTemplateCode(creator.companyId(), code)
            .filter(TaskTemplate::isActive)
            .orElseThrow(() -> RuleViolationException.invalid("template_unknown", "template_code", "No active template " + code + " in this company"));
    Instant now = clock.instant();
    Instant due = requestedDue != null ? requestedDue
        : template.getDefaultDueDateOffset() == null ? null : now.plus(template.getDefaultDueDateOffset(), ChronoUnit.DAYS);
    Map<String, String> known = new HashMap<>();
    known.put("creator_name", creator.displayName());
    known.put("today", now.atZone(ZoneOffset.UTC).toLocalDate().toString());
    if (due != null) {
      known.put("due_date", due.atZone(ZoneOffset.UTC).toLocalDate().toString());
    }
    String customer = directory.customerName(creator.companyId(), customerId);
    if (customer != null) {
      known.put("customer_name", customer);
    }
    if (values != null) {
      values.forEach((k, v) -> { if (v != null) known.put(k, v); });
    }
    Map<String, String> missing = new LinkedHashMap<>();
    String title = render(template.getTitleTemplate(), known, missing);
    String description = render(template.getDescriptionTemplate(), known, missing);
    if (!missing.isEmpty()) {
      throw RuleViolationException.invalidFields(missing);
    }
    if (title.length() > 200) {
      throw RuleViolationException.invalid("template_title_too_long", "template_values", "The filled title is longer than 200 characters");
    }
    UUID assignee = null;
    if (!template.isAutoAssignment() && template.getDefaultAssigneeRole() != null) {
      assignee = switch (template.getDefaultAssigneeRole()) {
        case "creator" -> creator.id();
        case "team_lead" -> directory.findTeam(creator.teamId()).map(TeamInfo::leadUserId).orElse(null);
        default -> null;
      };
    }
    return new Filled(
        title, description, template.getTaskType(), template.getCategory(), template.getDefaultPriority(),
        template.getDefaultEstimatedHours(), due, template.isRequiresApproval(), template.isPublicTemplate(), assignee);
  }

  static List<String> placeholdersOf(String text) {
    List<String> names = new ArrayList<>();
    if (text != null) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private static String render(String text, Map<String, String> values, Map<String, String> missing) {
    Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        missing.put("template_values." + m.group(1), "the template needs a value for {{" + m.group(1) + "}}");
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void apply(TaskTemplate template, TemplateRequest r) {
    if (r.defaultAssigneeRole() != null && !r.defaultAssigneeRole().isBlank() && !ASSIGNEE_ROLES.contains(r.defaultAssigneeRole())) {
      throw RuleViolationException.invalid("assignee_role", "default_assignee_role", "default_assignee_role is creator or team_lead");
    }
    template.apply(
        r.templateName(), r.description(), r.taskType(), r.category(), r.defaultPriority(), r.titleTemplate(),
        r.descriptionTemplate(), r.isActive(), r.isPublic(), r.requiresApproval(), r.defaultEstimatedHours(),
        r.defaultDueDateOffset(), r.autoAssignment(), r.defaultAssigneeRole(), clock.instant());
  }

  private TaskTemplate load(UUID companyId, UUID id) {
    return templates.findByIdAndCompanyId(id, companyId).orElseThrow(() -> NotFoundException.forId("Template", id));
  }
}
