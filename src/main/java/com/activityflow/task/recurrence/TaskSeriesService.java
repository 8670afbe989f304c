package com.activityflow.task.recurrence;

import com.activityflow.audit.AuditTrail;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.Authentications;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.TaskAccessPolicy;
import com.activityflow.task.TaskManager;
import com.activityflow.task.TaskView;
import com.activityflow.task.recurrence.TaskSeriesRequests.CreateSeries;
import com.activityflow.task.recurrence.TaskSeriesRequests.UpdateSeries;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recurring task series: the API's create, read, list, edit and stop (scoped to the caller's
 * company), and the two steps the {@code task-recurrence} process runs: schedule the next
 * occurrence and create it. Occurrences are ordinary tasks created through {@link TaskManager}
 * as the series' creator.
 */
@Service
@Transactional
public class TaskSeriesService {

  /** How many upcoming occurrences a series shows. */
  static final int UPCOMING = 5;

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final TaskSeriesRepository series;
  private final TaskManager taskManager;
  private final TaskRecurrenceProcess process;
  private final DirectoryService directory;
  private final CurrentUser currentUser;
  private final ObjectMapper json;
  private final Clock clock;
  private final TaskAccessPolicy access;
  private final AuditTrail audit;

  TaskSeriesService(
      TaskSeriesRepository series,
      TaskManager taskManager,
      TaskRecurrenceProcess process,
      DirectoryService directory,
      CurrentUser currentUser,
      ObjectMapper json,
      Clock clock,
      TaskAccessPolicy access,
      AuditTrail audit) {
    this.series = series;
    this.taskManager = taskManager;
    this.process = process;
    this.directory = directory;
    this.currentUser = currentUser;
    this.json = json;
    this.clock = clock;
    this.access = access;
    this.audit = audit;
  }

  /** The audited fields of a series, as text. */
  private Map<String, String> snapshot(TaskSeries s) {
    Map<String, String> fields = new LinkedHashMap<>();
    toMap(template(s)).forEach((k, v) -> fields.put(k, v == null ? null : v.toString()));
    fields.put("due_after", s.getDueAfter());
    fields.put("rrule", s.getRrule());
    fields.put("dtstart", s.getDtstart() == null ? null : s.getDtstart().toString());
    fields.put("time_zone", s.getTimeZone());
    fields.put("status", s.getStatus() == null ? null : s.getStatus().toString());
    return fields;
  }

  private void audited(DirectoryUser user, String action, TaskSeries s, Map<String, String> before) {
    audit.record(s.getCompanyId(), user.id(), user.username(), action, "task_series", s.getId().toString(),
        AuditTrail.diff(before, snapshot(s)), null);
  }

  public TaskSeriesView create(CreateSeries request) {
    DirectoryUser user = currentUser.get();
    Instant now = clock.instant();
    Recurrence recurrence = Recurrence.of(request.rrule(), request.dtstart(), request.timeZone());
    OccurrenceTemplate template =
        new OccurrenceTemplate(
            request.taskTitle().strip(),
            request.taskDescription(),
            request.taskType(),
            request.category(),
            request.priority(),
            request.customerId(),
            request.contactId(),
            request.assignedToUserId(),
            request.estimatedHours(),
            request.isPublic(),
            request.requiresApproval());
    checkTemplate(template, request.dueAfter(), user);
    TaskSeries created = new TaskSeries(UUID.randomUUID(), user.companyId(), user.id(), now);
    created.define(toMap(template), text(request.dueAfter()), recurrence, now);
    checkHasOccurrence(created, recurrence);
    series.saveAndFlush(created);
    process.start(created.getId(), user.companyCode());
    audited(user, "create", created, Map.of());
    return view(created);
  }

  @Transactional(readOnly = true)
  public TaskSeriesView get(UUID id) {
    return view(load(id, currentUser.get()));
  }

  @Transactional(readOnly = true)
  public TaskView.Page<TaskSeriesView> list(int page, int pageSize) {
    DirectoryUser user = currentUser.get();
    Page<TaskSeries> result =
        series.findByCompanyId(user.companyId(), PageRequest.of(page - 1, pageSize, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))));
    return new TaskView.Page<>(
        result.getContent().stream().map(this::view).toList(), page, pageSize, result.getTotalElements(), result.getTotalPages());
  }

  /** New rule or fields: the occurrences from now on follow them, created ones stay as they are. */
  public TaskSeriesView update(UUID id, UpdateSeries request) {
    DirectoryUser user = currentUser.get();
    Instant now = clock.instant();
    TaskSeries existing = load(id, user);
    checkVersion(existing, request.version());
    checkActive(existing);
    OccurrenceTemplate old = template(existing);
    Map<String, String> before = snapshot(existing);
    OccurrenceTemplate template =
        new OccurrenceTemplate(
            request.taskTitle() == null ? old.taskTitle() : request.taskTitle().strip(),
            request.taskDescription() == null ? old.taskDescription() : request.taskDescription(),
            request.taskType() == null ? old.taskType() : request.taskType(),
            request.category() == null ? old.category() : request.category(),
            request.priority() == null ? old.priority() : request.priority(),
            request.customerId() == null ? old.customerId() : request.customerId(),
            request.contactId() == null ? old.contactId() : request.contactId(),
            request.assignedToUserId() == null ? old.assignedToUserId() : request.assignedToUserId(),
            request.estimatedHours() == null ? old.estimatedHours() : request.estimatedHours(),
            request.isPublic() == null ? old.isPublic() : request.isPublic(),
            request.requiresApproval() == null ? old.requiresApproval() : request.requiresApproval());
    Duration dueAfter = request.dueAfter() == null ? dueAfter(existing) : request.dueAfter();
    Recurrence recurrence =
        Recurrence.of(
            request.rrule() == null ? existing.getRrule() : request.rrule(),
            request.dtstart() == null ? existing.getDtstart() : request.dtstart(),
            request.timeZone() == null ? existing.getTimeZone() : request.timeZone());
    checkTemplate(template, dueAfter, user);
    existing.define(toMap(template), text(dueAfter), recurrence, now);
    checkHasOccurrence(existing, recurrence);
    existing.touch(user.id(), now);
    series.saveAndFlush(existing);
    process.changed(existing.getId());
    audited(user, "update", existing, before);
    return view(existing);
  }

  /** No further occurrences; for the creator, team leads, managers and admins. */
  public TaskSeriesView stop(UUID id, Long version) {
    DirectoryUser user = currentUser.get();
    TaskSeries existing = load(id, user);
    checkMayStop(existing, user);
    if (version != null) {
      checkVersion(existing, version);
    }
    checkActive(existing);
    Map<String, String> before = snapshot(existing);
    existing.stop(user.id(), clock.instant());
    series.saveAndFlush(existing);
    process.stopped(existing.getId());
    audited(user, "transition", existing, before);
    return view(existing);
  }

  // the process's steps (the engine has no request user)

  /**
   * The next occurrence of an active series, or empty when there is none: a series whose rule is
   * exhausted (COUNT, UNTIL) is finished here.
   */
  public Optional<Instant> scheduleNext(UUID seriesId) {
    TaskSeries s = series.findById(seriesId).orElseThrow(() -> NotFoundException.forId("Task series", seriesId));
    if (!s.isActive()) {
      return Optional.empty();
    }
    Optional<Instant> next = s.recurrence().firstFrom(s.nextSearchStart());
    if (next.isEmpty()) {
      s.finish(clock.instant());
    }
    return next;
  }

  /**
   * Creates the occurrence due at {@code occurrence}, as the series' creator. Returns false and
   * creates nothing when the series is no longer active (stopped while the timer was due).
   */
  public boolean createOccurrence(UUID seriesId, Instant occurrence) {
    TaskSeries s = series.findById(seriesId).orElseThrow(() -> NotFoundException.forId("Task series", seriesId));
    if (!s.isActive()) {
      return false;
    }
    DirectoryUser creator =
        directory.findUser(s.getCreatedByUserId()).orElseThrow(() -> NotFoundException.forId("User", s.getCreatedByUserId()));
    Map<String, Object> pattern = new LinkedHashMap<>();
    pattern.put("series_id", s.getId().toString());
    pattern.put("rrule", s.getRrule());
    pattern.put("dtstart", s.getDtstart().toString());
    pattern.put("time_zone", s.getTimeZone());
    pattern.put("occurrence", occurrence.toString());
    Authentications.runAs(
        creator, () -> taskManager.createRecurring(template(s).occurrence(occurrence, dueAfter(s)), pattern));
    s.recordOccurrence(occurrence, clock.instant());
    return true;
  }

  // rules

  private TaskSeries load(UUID id, DirectoryUser user) {
    return series.findByIdAndCompanyId(id, user.companyId()).orElseThrow(() -> NotFoundException.forId("Task series", id));
  }

  private void checkTemplate(OccurrenceTemplate template, Duration dueAfter, DirectoryUser user) {
    if (dueAfter != null && (dueAfter.isZero() || dueAfter.isNegative())) {
      throw RuleViolationException.invalid("due_after_positive", "due_after", "due_after must be a positive duration such as P1D or PT4H");
    }
    if (template.assignedToUserId() != null
        && directory.findUser(template.assignedToUserId()).filter(u -> u.companyId().equals(user.companyId())).isEmpty()) {
      throw RuleViolationException.invalid(
          "assignee_not_found", "assigned_to_user_id", "User " + template.assignedToUserId() + " is not a user of your company");
    }
    if (directory.isOtherCompanysCustomer(user.companyId(), template.customerId())) {
      throw RuleViolationException.invalid(
          "customer_not_found", "customer_id", "Customer " + template.customerId() + " is not a customer of your company");
    }
  }

  private void checkHasOccurrence(TaskSeries s, Recurrence recurrence) {
    if (recurrence.firstFrom(s.nextSearchStart()).isEmpty()) {
      throw RuleViolationException.invalid(
          "rrule_exhausted", "rrule", "rrule '" + recurrence.rrule() + "' from dtstart " + recurrence.dtstart() + " has no occurrence from now on (check COUNT, UNTIL and dtstart)");
    }
  }

  private static void checkActive(TaskSeries s) {
    if (!s.isActive()) {
      throw RuleViolationException.conflict(
          "series_not_active", "status", "The series is " + s.getStatus() + " and can no longer be changed");
    }
  }

  private void checkMayStop(TaskSeries s, DirectoryUser user) {
    access.checkMayStopSeries(user, s.getCreatedByUserId());
  }

  private static void checkVersion(TaskSeries s, Long version) {
    if (version == null || !version.equals(s.getVersion())) {
      throw RuleViolationException.conflict(
          "version_conflict",
          "version",
          "The series is at version " + s.getVersion() + ", not " + version + "; reload it and apply your change again");
    }
  }

  private TaskSeriesView view(TaskSeries s) {
    List<Instant> next = s.isActive() ? s.recurrence().upcoming(s.nextSearchStart(), UPCOMING) : List.of();
    return TaskSeriesView.of(s, template(s), next);
  }

  private Map<String, Object> toMap(OccurrenceTemplate template) {
    return json.convertValue(template, MAP);
  }

  private OccurrenceTemplate template(TaskSeries s) {
    return json.convertValue(s.getTemplate(), OccurrenceTemplate.class);
  }

  private static Duration dueAfter(TaskSeries s) {
    return s.getDueAfter() == null ? null : Duration.parse(s.getDueAfter());
  }

  private static String text(Duration duration) {
    return duration == null ? null : duration.toString();
  }
}
