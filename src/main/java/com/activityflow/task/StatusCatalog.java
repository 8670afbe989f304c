package com.activityflow.task;

import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.domain.CompletionPercentagePolicy;
import com.activityflow.task.domain.TaskStatusDefinition;
import com.activityflow.task.domain.TaskStatusDefinitionRepository;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statuses of a company as data (seed 000 section 4.2): which transitions are allowed, which
 * need a comment, which completion percentage a status sets, whether it may be used at all. A
 * company starts with the defaults below; managers change them. The six codes stay: the task
 * lifecycle process and the completion rules depend on them.
 */
@Service
@Transactional
public class StatusCatalog {

  /** A status as the API shows it. */
  public record StatusView(
      String statusCode, String statusName, String description, String statusType, boolean isActive,
      boolean isDefault, boolean isTerminal, List<String> nextStatuses, boolean requiresComment,
      Integer autoCompletePercentage, String color, String icon, long version) {

    static StatusView of(TaskStatusDefinition d) {
      return new StatusView(
          d.getCode().code(), d.getStatusName(), d.getDescription(), d.getStatusType(), d.isActive(),
          d.isDefaultStatus(), d.isTerminal(), List.copyOf(d.getNextStatuses()), d.isRequiresComment(),
          d.getAutoCompletePercentage(), d.getColor(), d.getIcon(), d.getVersion());
    }
  }

  /** A manager's change of a status; fields left out stay. */
  public record ChangeStatus(
      @NotNull(message = "version is required (optimistic locking)") Long version,
      @Size(min = 1, max = 50, message = "status_name must have 1 to 50 characters") String statusName,
      @Size(max = 2000, message = "description is at most 2000 characters") String description,
      Boolean isActive,
      Boolean isDefault,
      @Schema(description = "codes this status may change to") List<TaskStatus> nextStatuses,
      Boolean requiresComment,
      @Min(value = 0, message = "auto_complete_percentage is at least 0")
          @Max(value = 100, message = "auto_complete_percentage is at most 100")
          Integer autoCompletePercentage,
      @Schema(description = "true removes the automatic percentage") Boolean clearAutoCompletePercentage,
      @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "color must be a hex colour like #1976d2") String color,
      @Size(max = 50, message = "icon is at most 50 characters") String icon) {}

  private final TaskStatusDefinitionRepository statuses;
  private final Clock clock;
  private final com.activityflow.audit.AuditTrail audit;
  private final com.activityflow.platform.security.CurrentUser currentUser;
  private final TransactionTemplate ownTransaction;

  StatusCatalog(
      TaskStatusDefinitionRepository statuses, Clock clock, com.activityflow.audit.AuditTrail audit,
      com.activityflow.platform.security.CurrentUser currentUser, PlatformTransactionManager transactions) {
    this.statuses = statuses;
    this.clock = clock;
    this.audit = audit;
    this.currentUser = currentUser;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  private static java.util.Map<String, String> snapshot(StatusView v) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("status_name", v.statusName());
    m.put("description", v.description());
    m.put("is_active", String.valueOf(v.isActive()));
    m.put("is_default", String.valueOf(v.isDefault()));
    m.put("next_statuses", String.join(",", v.nextStatuses()));
    m.put("requires_comment", String.valueOf(v.requiresComment()));
    m.put("auto_complete_percentage", String.valueOf(v.autoCompletePercentage()));
    m.put("color", v.color());
    m.put("icon", v.icon());
    return m;
  }

  public List<StatusView> list(UUID companyId, Boolean active, String statusType) {
    return definitions(companyId).stream()
        .filter(d -> active == null || d.isActive() == active)
        .filter(d -> statusType == null || d.getStatusType().equals(statusType))
        .map(StatusView::of)
        .toList();
  }

  public StatusView change(UUID companyId, TaskStatus code, ChangeStatus change) {
    TaskStatusDefinition definition = definition(companyId, code);
    java.util.Map<String, String> before = snapshot(StatusView.of(definition));
    if (definition.getVersion() != change.version()) {
      throw RuleViolationException.conflict(
          "version_conflict", "version", "The status is at version " + definition.getVersion() + ", not " + change.version());
    }
    if (change.nextStatuses() != null && definition.isTerminal() && !change.nextStatuses().isEmpty()) {
      throw RuleViolationException.invalid("terminal_status", "next_statuses", code + " is terminal: nothing follows it");
    }
    if (change.nextStatuses() != null && change.nextStatuses().contains(TaskStatus.REJECTED)) {
      throw RuleViolationException.invalid(
          "status_transition", "next_statuses", "rejected is reached only through the approval in Tasklist");
    }
    if (change.autoCompletePercentage() != null) {
      CompletionPercentagePolicy.check(code, change.autoCompletePercentage(), "auto_complete_percentage");
    }
    if (Boolean.FALSE.equals(change.isActive()) && (definition.isDefaultStatus() || definition.isTerminal())) {
      throw RuleViolationException.conflict(
          "status_required", "is_active", code + " cannot be deactivated: " + (definition.isTerminal() ? "tasks end in it" : "it is the default"));
    }
    if (Boolean.TRUE.equals(change.isDefault())) {
      if (definition.isTerminal()) {
        throw RuleViolationException.invalid("terminal_status", "is_default", "A terminal status cannot be the default");
      }
      definitions(companyId).forEach(d -> d.setDefaultStatus(false));
      statuses.flush();
    }
    definition.change(
        change.statusName(), change.description(), change.isActive(), change.isDefault(),
        change.nextStatuses() == null ? null : change.nextStatuses().stream().map(TaskStatus::code).distinct().toList(),
        change.requiresComment(), change.autoCompletePercentage(), Boolean.TRUE.equals(change.clearAutoCompletePercentage()),
        change.color(), change.icon(), clock.instant());
    statuses.flush();
    StatusView after = StatusView.of(definition);
    audit.record(companyId, currentUser.get().id(), currentUser.get().username(), "update", "task_status", code.code(),
        com.activityflow.audit.AuditTrail.diff(before, snapshot(after)), null);
    return after;
  }

  /** The status a new task starts in. */
  @Transactional(propagation = Propagation.REQUIRED)
  public TaskStatus defaultStatus(UUID companyId) {
    return definitions(companyId).stream().filter(TaskStatusDefinition::isDefaultStatus).findFirst()
        .map(TaskStatusDefinition::getCode).orElse(TaskStatus.PENDING);
  }

  /** Refuses an inactive status for a new task. */
  public void checkUsable(UUID companyId, TaskStatus status) {
    if (!definition(companyId, status).isActive()) {
      throw RuleViolationException.invalid("status_inactive", "status", "Status " + status + " is not active in this company");
    }
  }

  /**
   * Refuses a transition the company does not allow, an inactive target, or a missing comment
   * where the target requires one. Returns the percentage the target sets, if any.
   */
  public Integer checkTransition(UUID companyId, TaskStatus from, TaskStatus to, String comment) {
    TaskStatusDefinition source = definition(companyId, from);
    TaskStatusDefinition target = definition(companyId, to);
    if (!target.isActive()) {
      throw RuleViolationException.invalid("status_inactive", "status", "Status " + to + " is not active in this company");
    }
    if (!source.getNextStatuses().contains(to.code())) {
      throw RuleViolationException.conflict(
          "status_transition", "status",
          "A task cannot go from " + from + " to " + to + "; allowed: " + (source.getNextStatuses().isEmpty() ? "none" : String.join(", ", source.getNextStatuses())));
    }
    if (target.isRequiresComment() && (comment == null || comment.isBlank())) {
      throw RuleViolationException.invalid(
          "status_comment_required", "status_comment", "Changing the status to " + to + " requires a status_comment");
    }
    return target.getAutoCompletePercentage();
  }

  private TaskStatusDefinition definition(UUID companyId, TaskStatus code) {
    return definitions(companyId).stream().filter(d -> d.getCode() == code).findFirst()
        .orElseThrow(() -> NotFoundException.forId("Status", code));
  }

  /** The company's statuses, created from the defaults on first use. */
  private List<TaskStatusDefinition> definitions(UUID companyId) {
    List<TaskStatusDefinition> existing = statuses.findByCompanyIdOrderByCode(companyId);
    if (!existing.isEmpty()) {
      return existing;
    }
    try {
      // in its own transaction: when another request or node creates them at the same moment,
      // only this insert fails (unique company + code) and the caller's work goes on
      ownTransaction.executeWithoutResult(tx -> statuses.saveAllAndFlush(defaultsFor(companyId)));
    } catch (DataIntegrityViolationException createdConcurrently) {
      // the other transaction has committed them: read them below
    }
    return statuses.findByCompanyIdOrderByCode(companyId);
  }

  private List<TaskStatusDefinition> defaultsFor(UUID companyId) {
    Instant now = clock.instant();
    TaskStatusDefinition pending = new TaskStatusDefinition(companyId, TaskStatus.PENDING, "Pending", "open", false,
        List.of("in_progress", "on_hold", "completed", "cancelled"), false, 0, "#9e9e9e", now);
    pending.setDefaultStatus(true);
    List<TaskStatusDefinition> defaults = Arrays.asList(
        pending,
        new TaskStatusDefinition(companyId, TaskStatus.IN_PROGRESS, "In progress", "active", false,
            List.of("pending", "on_hold", "completed", "cancelled"), false, null, "#1976d2", now),
        new TaskStatusDefinition(companyId, TaskStatus.ON_HOLD, "On hold", "paused", false,
            List.of("pending", "in_progress", "cancelled"), true, null, "#ffa000", now),
        new TaskStatusDefinition(companyId, TaskStatus.COMPLETED, "Completed", "closed", true, List.of(), false, 100, "#388e3c", now),
        new TaskStatusDefinition(companyId, TaskStatus.CANCELLED, "Cancelled", "closed", true, List.of(), true, null, "#616161", now),
        new TaskStatusDefinition(companyId, TaskStatus.REJECTED, "Rejected", "closed", true, List.of(), false, null, "#d32f2f", now));
    return defaults;
  }
}
