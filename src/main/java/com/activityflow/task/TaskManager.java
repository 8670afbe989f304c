package com.activityflow.task;

import com.activityflow.assignment.AssignmentOutcome;
import com.activityflow.assignment.AssignmentService;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.metrics.ActivityMetrics;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.TaskRequests.AddComment;
import com.activityflow.task.TaskRequests.AssignTask;
import com.activityflow.task.TaskRequests.CreateTask;
import com.activityflow.task.TaskRequests.UpdateTask;
import com.activityflow.task.TaskView.CommentView;
import com.activityflow.task.domain.CompletionPercentagePolicy;
import com.activityflow.task.domain.Task;
import com.activityflow.task.domain.TaskComment;
import com.activityflow.task.domain.TaskCommentRepository;
import com.activityflow.task.domain.TaskRepository;
import com.activityflow.task.process.TaskLifecycleProcess;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The task module's facade for the API: create, read, list, change, assign, delete and comment,
 * every call scoped to the caller's company and role by {@link TaskAccessPolicy}, every rule of
 * seed 000 checked with a named error, and the {@code task-lifecycle} process kept in step.
 */
@Service
@Transactional
public class TaskManager {

  private final TaskRepository tasks;
  private final TaskCommentRepository comments;
  private final TaskAccessPolicy access;
  private final CompletionPolicy completionPolicy;
  private final TaskLifecycleProcess lifecycle;
  private final AssignmentService assignment;
  private final DirectoryService directory;
  private final CurrentUser currentUser;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final StatusCatalog statusCatalog;
  private final TemplateCatalog templateCatalog;
  private final TaskDependencies dependencies;
  private final TaskHistory history;
  private final TaskLabels labels;
  private final TaskAttachments attachments;
  private final ActivityMetrics metrics;

  TaskManager(
      TaskRepository tasks,
      TaskCommentRepository comments,
      TaskAccessPolicy access,
      CompletionPolicy completionPolicy,
      TaskLifecycleProcess lifecycle,
      AssignmentService assignment,
      DirectoryService directory,
      CurrentUser currentUser,
      Clock clock,
      ApplicationEventPublisher events,
      StatusCatalog statusCatalog,
      TemplateCatalog templateCatalog,
      TaskDependencies dependencies,
      TaskHistory history,
      TaskLabels labels,
      TaskAttachments attachments,
      ActivityMetrics metrics) {
    this.metrics = metrics;
    this.tasks = tasks;
    this.comments = comments;
    this.access = access;
    this.completionPolicy = completionPolicy;
    this.lifecycle = lifecycle;
    this.assignment = assignment;
    this.directory = directory;
    this.currentUser = currentUser;
    this.clock = clock;
    this.events = events;
    this.statusCatalog = statusCatalog;
    this.templateCatalog = templateCatalog;
    this.dependencies = dependencies;
    this.history = history;
    this.labels = labels;
    this.attachments = attachments;
  }

  public TaskView create(CreateTask request) {
    DirectoryUser user = currentUser.get();
    Instant now = clock.instant();
    TaskStatus status = request.status() == null ? statusCatalog.defaultStatus(user.companyId()) : request.status();
    if (status != TaskStatus.PENDING && status != TaskStatus.IN_PROGRESS) {
      throw RuleViolationException.invalid(
          "initial_status", "status", "A new task starts as pending or in_progress, not " + status);
    }
    statusCatalog.checkUsable(user.companyId(), status);
    CompletionPercentagePolicy.check(status, request.completionPercentage());
    TemplateCatalog.Filled template =
        request.templateCode() == null
            ? null
            : templateCatalog.fill(user, request.templateCode(), request.templateValues(), request.customerId(), request.dueDate());
    String title = request.taskTitle() != null ? request.taskTitle() : template == null ? null : template.title();
    TaskType type = request.taskType() != null ? request.taskType() : template == null ? null : template.taskType();
    java.util.Map<String, String> missing = new java.util.LinkedHashMap<>();
    if (title == null || title.isBlank()) {
      missing.put("task_title", "task_title is required");
    }
    if (type == null) {
      missing.put("task_type", "task_type is required");
    }
    if (!missing.isEmpty()) {
      throw RuleViolationException.invalidFields(missing);
    }
    Task task = new Task(UUID.randomUUID(), user.companyId(), user.id(), now);
    task.setTaskTitle(title.strip());
    task.setTaskDescription(
        request.taskDescription() != null ? request.taskDescription() : template == null ? null : template.description());
    task.setTaskType(type);
    task.setCategory(request.category() != null ? request.category() : template == null ? null : template.category());
    task.setPriority(
        request.priority() != null ? request.priority()
            : template != null ? template.priority() : TaskPriority.NORMAL);
    checkOwnCustomer(user, request.customerId());
    task.setCustomerId(request.customerId());
    task.setContactId(request.contactId());
    task.setStartDate(request.startDate());
    task.setDueDate(request.dueDate() != null ? request.dueDate() : template == null ? null : template.dueDate());
    task.setEstimatedHours(
        request.estimatedHours() != null ? request.estimatedHours() : template == null ? null : template.estimatedHours());
    task.setActualHours(request.actualHours());
    task.setPublicTask(request.isPublic() != null ? request.isPublic() : template == null || template.isPublic());
    task.setRequiresApproval(Boolean.TRUE.equals(request.requiresApproval()) || (template != null && template.requiresApproval()));
    if (request.parentTaskId() != null) {
      Task parent = parentOf(request.parentTaskId(), user);
      task.setParentTaskId(parent.getId());
    }
    checkDates(task);
    task.changeStatus(status, request.completionPercentage(), now);
    // an explicit assignee is checked (company, availability, capacity) by the process's
    // "Assign requested user" step, within this transaction
    UUID assignee =
        request.assignedToUserId() != null ? request.assignedToUserId() : template == null ? null : template.assigneeUserId();
    task.assignTo(assignee, null, null, null);
    tasks.saveAndFlush(task);
    history.recordCreation(task, user.id());
    publish(TaskEvent.CREATED, task, user.id(), Map.of("status", task.getStatus().code()));
    lifecycle.start(task, user.companyCode(), directory.customerTier(user.companyId(), task.getCustomerId()));
    tasks.flush(); // the process's assignment changed the task: answer with its final version
    metrics.taskCreated(user.companyCode());
    return view(task, false, false);
  }

  /**
   * Creates one occurrence of a recurring series as the current user: an ordinary task with its
   * own {@code task-lifecycle}, marked recurring with the series' {@code pattern}.
   */
  public TaskView createRecurring(CreateTask request, Map<String, Object> pattern) {
    TaskView created = create(request);
    Task task = tasks.findById(created.id()).orElseThrow();
    task.markRecurring(pattern);
    tasks.flush();
    return view(task, false, false);
  }

  @Transactional(readOnly = true)
  public TaskView get(UUID id, boolean includeComments, boolean includeSubtasks) {
    return get(id, includeComments, includeSubtasks, false);
  }

  @Transactional(readOnly = true)
  public TaskView get(UUID id, boolean includeComments, boolean includeSubtasks, boolean includeAttachments) {
    Task task = access.load(id, currentUser.get());
    TaskView base = view(task, includeComments, includeSubtasks);
    return TaskView.of(
        task, base.assignedTo(), base.tags(), labels.watchers(task.getId()),
        includeAttachments ? attachments.of(task.getId()) : null, base.comments(), base.subtasks());
  }

  // history, tags, watchers, attachments

  @Transactional(readOnly = true)
  public List<TaskHistory.Change> history(UUID id) {
    return history.of(access.load(id, currentUser.get()).getId());
  }

  public List<String> replaceTags(UUID id, List<String> tags) {
    Task task = access.load(id, currentUser.get());
    List<String> clean = TaskLabels.normalise(tags);
    Map<String, String> before = Map.of("tags", String.join(",", labels.tagsOf(List.of(task.getId())).get(task.getId())));
    labels.replaceTags(task.getId(), clean);
    history.recordDiff(task, currentUser.get().id(), before, Map.of("tags", String.join(",", clean)));
    return clean;
  }

  @Transactional(readOnly = true)
  public List<TaskLabels.Watcher> watchers(UUID id) {
    return labels.watchers(access.load(id, currentUser.get()).getId());
  }

  public List<TaskLabels.Watcher> watch(UUID id, UUID userId) {
    Task task = access.load(id, currentUser.get());
    UUID watcher = userId == null ? currentUser.get().id() : userId;
    labels.watch(task, currentUser.get(), watcher);
    history.recordDiff(task, currentUser.get().id(), Map.of(), Map.of("watcher_added", watcher.toString()));
    return labels.watchers(task.getId());
  }

  public void unwatch(UUID id, UUID userId) {
    Task task = access.load(id, currentUser.get());
    if (labels.unwatch(task, currentUser.get(), userId)) {
      history.recordDiff(task, currentUser.get().id(), Map.of(), Map.of("watcher_removed", userId.toString()));
    }
  }

  public TaskAttachments.AttachmentView attach(UUID id, org.springframework.web.multipart.MultipartFile file) {
    Task task = access.load(id, currentUser.get());
    TaskAttachments.AttachmentView stored = attachments.store(task, currentUser.get(), file);
    history.recordDiff(task, currentUser.get().id(), Map.of(), Map.of("attachment_added", stored.fileName()));
    return stored;
  }

  @Transactional(readOnly = true)
  public List<TaskAttachments.AttachmentView> attachments(UUID id) {
    return attachments.of(access.load(id, currentUser.get()).getId());
  }

  @Transactional(readOnly = true)
  public TaskAttachments.Content attachmentContent(UUID id, UUID attachmentId) {
    return attachments.content(access.load(id, currentUser.get()).getId(), attachmentId);
  }

  public void removeAttachment(UUID id, UUID attachmentId) {
    Task task = access.load(id, currentUser.get());
    attachments.delete(task.getId(), attachmentId);
    history.recordDiff(task, currentUser.get().id(), Map.of(), Map.of("attachment_removed", attachmentId.toString()));
  }

  @Transactional(readOnly = true)
  public TaskView.Page<TaskView> list(TaskFilter filter) {
    DirectoryUser user = currentUser.get();
    Specification<Task> spec = access.visibleTo(user).and(matching(filter)).and(ordered(filter.sort()));
    PageRequest pageRequest = PageRequest.of(filter.pageOrDefault() - 1, filter.pageSizeOrDefault());
    org.springframework.data.domain.Page<Task> page = tasks.findAll(spec, pageRequest);
    Map<UUID, String> names = usernames(page.getContent().stream().map(Task::getAssignedToUserId).toList());
    Map<UUID, List<String>> tagsByTask = labels.tagsOf(page.getContent().stream().map(Task::getId).toList());
    List<TaskView> items =
        page.getContent().stream()
            .map(t -> TaskView.of(t, names.get(t.getAssignedToUserId()), tagsByTask.get(t.getId()), null, null, null, null))
            .toList();
    return new TaskView.Page<>(
        items, filter.pageOrDefault(), filter.pageSizeOrDefault(), page.getTotalElements(), page.getTotalPages());
  }

  public TaskView update(UUID id, UpdateTask request) {
    DirectoryUser user = currentUser.get();
    Instant now = clock.instant();
    Task task = access.load(id, user);
    checkVersion(task, request.version());
    if (task.getStatus().isClosed()) {
      throw RuleViolationException.conflict(
          "task_closed", "status", "The task is " + task.getStatus() + " and can no longer be changed");
    }
    Instant oldDue = task.getDueDate();
    TaskStatus oldStatus = task.getStatus();
    Map<String, String> before = TaskHistory.snapshot(task);
    TaskPriority oldPriority = task.getPriority();
    if (request.taskTitle() != null) {
      task.setTaskTitle(request.taskTitle().strip());
    }
    if (request.taskDescription() != null) {
      task.setTaskDescription(request.taskDescription());
    }
    if (request.taskType() != null) {
      task.setTaskType(request.taskType());
    }
    if (request.category() != null) {
      task.setCategory(request.category());
    }
    if (request.priority() != null) {
      task.setPriority(request.priority());
    }
    if (request.customerId() != null) {
      checkOwnCustomer(user, request.customerId());
      task.setCustomerId(request.customerId());
    }
    if (request.contactId() != null) {
      task.setContactId(request.contactId());
    }
    if (request.startDate() != null) {
      task.setStartDate(request.startDate());
    }
    if (request.dueDate() != null) {
      task.setDueDate(request.dueDate());
    }
    if (request.estimatedHours() != null) {
      task.setEstimatedHours(request.estimatedHours());
    }
    if (request.actualHours() != null) {
      task.setActualHours(request.actualHours());
    }
    if (request.isPublic() != null) {
      task.setPublicTask(request.isPublic());
    }
    checkDates(task);

    TaskStatus newStatus = request.status() == null ? task.getStatus() : request.status();
    CompletionPercentagePolicy.check(newStatus, request.completionPercentage());
    boolean statusChanged = newStatus != task.getStatus();
    if (statusChanged && newStatus == TaskStatus.REJECTED) {
      throw RuleViolationException.invalid(
          "status_transition", "status", "A task is rejected only by its approver in Tasklist");
    }
    Integer percentage = request.completionPercentage();
    if (statusChanged) {
      Integer automatic = statusCatalog.checkTransition(user.companyId(), oldStatus, newStatus, request.statusComment());
      if (percentage == null) {
        percentage = automatic;
      }
    }
    if (statusChanged && newStatus == TaskStatus.COMPLETED) {
      completionPolicy.check(task);
    }
    if (statusChanged && newStatus == TaskStatus.IN_PROGRESS) {
      dependencies.checkNotBlocked(task);
    }
    if (statusChanged || request.completionPercentage() != null) {
      task.changeStatus(newStatus, percentage, now);
    }
    if (statusChanged && request.statusComment() != null && !request.statusComment().isBlank()) {
      comments.save(
          new TaskComment(
              UUID.randomUUID(), task.getId(), user.id(), null,
              oldStatus + " → " + newStatus + ": " + request.statusComment().strip(),
              CommentType.STATUS_CHANGE, false, false, now));
    }
    task.touch(user.id(), now);
    tasks.saveAndFlush(task);
    history.recordDiff(task, user.id(), before, TaskHistory.snapshot(task));
    if (statusChanged) {
      publish(TaskEvent.STATUS_CHANGED, task, user.id(), Map.of("old_status", oldStatus.code(), "new_status", newStatus.code()));
    }

    if (statusChanged && newStatus == TaskStatus.COMPLETED) {
      lifecycle.completeWork(task.getId());
    } else if (statusChanged && newStatus == TaskStatus.CANCELLED) {
      lifecycle.cancel(task.getId(), "Task cancelled by " + user.username());
    } else if (!Objects.equals(oldDue, task.getDueDate()) || oldPriority != task.getPriority()) {
      lifecycle.rescheduleDeadlines(task.getId(), task.getPriority().code());
    }
    tasks.flush();
    return view(task, false, false);
  }

  public TaskView assign(UUID id, AssignTask request) {
    DirectoryUser user = currentUser.get();
    Task task = access.load(id, user);
    if (request.version() != null) {
      checkVersion(task, request.version());
    }
    if (task.getStatus().isClosed()) {
      throw RuleViolationException.conflict(
          "task_closed", "status", "The task is " + task.getStatus() + " and can no longer be assigned");
    }
    Map<String, String> before = TaskHistory.snapshot(task);
    AssignmentOutcome outcome;
    if (request.assignedToUserId() == null) {
      outcome =
          new AssignmentOutcome(
              null, null, task.getTeamId(), task.getCandidateGroup(), "Put back into the team queue by " + user.username());
    } else {
      AssignmentOutcome explicit =
          assignment.assignExplicitly(user.companyId(), request.assignedToUserId(), task.getId());
      outcome =
          new AssignmentOutcome(
              explicit.userId(),
              explicit.username(),
              explicit.teamId() != null ? explicit.teamId() : task.getTeamId(),
              explicit.candidateGroup() != null ? explicit.candidateGroup() : task.getCandidateGroup(),
              explicit.reason().replace("Assigned explicitly", "Reassigned by " + user.username()));
    }
    task.assignTo(outcome.userId(), outcome.teamId(), outcome.candidateGroup(), outcome.reason());
    task.touch(user.id(), clock.instant());
    tasks.saveAndFlush(task);
    history.recordDiff(task, user.id(), before, TaskHistory.snapshot(task));
    publish(TaskEvent.ASSIGNED, task, user.id(), assignmentData(task));
    lifecycle.reassign(task.getId(), outcome.username(), outcome.candidateGroup());
    tasks.flush();
    return view(task, false, false);
  }

  public void delete(UUID id, Long version) {
    DirectoryUser user = currentUser.get();
    Task task = access.load(id, user);
    access.checkMayDelete(user);
    if (version != null) {
      checkVersion(task, version);
    }
    if (tasks.countOpenSubTasks(task.getId()) > 0) {
      throw RuleViolationException.conflict(
          "active_subtasks", "id", "A task with open sub-tasks cannot be deleted; close or delete them first");
    }
    if (task.getApprovalStatus() == ApprovalStatus.PENDING) {
      throw RuleViolationException.conflict(
          "approval_pending", "approval_status", "A task whose approval is pending cannot be deleted");
    }
    Instant now = clock.instant();
    task.markDeleted(now);
    task.touch(user.id(), now);
    comments.findByTaskIdAndDeletedFalse(task.getId()).forEach(c -> c.markDeleted(now));
    history.recordDeletion(task, user.id(), "soft delete by " + user.username());
    lifecycle.cancel(task.getId(), "Task deleted by " + user.username());
  }

  @Transactional(readOnly = true)
  public List<CommentView> comments(UUID taskId) {
    Task task = access.load(taskId, currentUser.get());
    return commentTree(task.getId());
  }

  public CommentView addComment(UUID taskId, AddComment request) {
    DirectoryUser user = currentUser.get();
    Task task = access.load(taskId, user);
    if (request.parentCommentId() != null
        && comments.findByIdAndTaskIdAndDeletedFalse(request.parentCommentId(), task.getId()).isEmpty()) {
      throw RuleViolationException.invalid(
          "parent_comment_not_found", "parent_comment_id", "The parent comment is not a comment of this task");
    }
    TaskComment comment =
        comments.save(
            new TaskComment(
                UUID.randomUUID(),
                task.getId(),
                user.id(),
                request.parentCommentId(),
                request.commentText(),
                request.commentType() == null ? CommentType.COMMENT : request.commentType(),
                Boolean.TRUE.equals(request.isInternal()),
                Boolean.TRUE.equals(request.isPinned()),
                clock.instant()));
    history.recordDiff(task, user.id(), Map.of(), Map.of("comment_added", comment.getId().toString()));
    publish(TaskEvent.COMMENT_ADDED, task, user.id(), Map.of("comment_id", comment.getId().toString()));
    return toView(comment, Map.of(user.id(), user.username()), List.of());
  }

  private void publish(String type, Task task, UUID actor, Map<String, Object> data) {
    events.publishEvent(new TaskEvent(type, task.getId(), task.getCompanyId(), actor, clock.instant(), data));
  }

  static Map<String, Object> assignmentData(Task task) {
    Map<String, Object> data = new HashMap<>();
    data.put("assigned_to_user_id", task.getAssignedToUserId() == null ? null : task.getAssignedToUserId().toString());
    data.put("candidate_group", task.getCandidateGroup());
    return data;
  }

  private void checkOwnCustomer(DirectoryUser user, UUID customerId) {
    if (directory.isOtherCompanysCustomer(user.companyId(), customerId)) {
      throw RuleViolationException.invalid("customer_not_found", "customer_id", "Customer " + customerId + " is not a customer of your company");
    }
  }

  /** Whether the user may see the task (company and role), e.g. to filter a live event stream. */
  @Transactional(readOnly = true)
  public boolean isVisibleTo(UUID taskId, DirectoryUser user) {
    Specification<Task> byId = (root, query, cb) -> cb.equal(root.get("id"), taskId);
    return tasks.count(access.visibleTo(user).and(byId)) > 0;
  }

  /** The user's open tasks that have a due date, soonest first (calendar feeds, reminders). */
  @Transactional(readOnly = true)
  public List<TaskView> openTasksDueFor(DirectoryUser user) {
    Specification<Task> mineAndDue =
        (root, query, cb) ->
            cb.and(
                cb.equal(root.get("assignedToUserId"), user.id()),
                cb.isNotNull(root.get("dueDate")),
                root.get("status").in(TaskStatus.PENDING, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD));
    return tasks.findAll(access.visibleTo(user).and(mineAndDue), Sort.by("dueDate")).stream()
        .map(t -> TaskView.of(t, user.username(), null, null))
        .toList();
  }

  /** For the process steps: the task regardless of caller (the engine has no request user). */
  @Transactional(readOnly = true)
  public Task loadForProcess(UUID id) {
    return tasks.findById(id).orElseThrow(() -> NotFoundException.forId("Task", id));
  }

  // rules

  private Task parentOf(UUID parentId, DirectoryUser user) {
    try {
      return access.load(parentId, user);
    } catch (NotFoundException e) {
      throw RuleViolationException.invalid(
          "parent_task_not_found", "parent_task_id", "Parent task " + parentId + " does not exist");
    }
  }

  private void checkDates(Task task) {
    if (task.getStartDate() != null && task.getDueDate() != null && !task.getDueDate().isAfter(task.getStartDate())) {
      throw RuleViolationException.invalid("due_after_start", "due_date", "due_date must be after start_date");
    }
    if (task.getParentTaskId() != null && task.getDueDate() != null) {
      tasks
          .findById(task.getParentTaskId())
          .map(Task::getDueDate)
          .filter(parentDue -> task.getDueDate().isAfter(parentDue))
          .ifPresent(
              parentDue -> {
                throw RuleViolationException.invalid(
                    "subtask_due_after_parent",
                    "due_date",
                    "A sub-task's due_date cannot be after its parent's (" + parentDue + ")");
              });
    }
    if (task.getDueDate() != null) {
      Specification<Task> laterChildren =
          (root, query, cb) ->
              cb.and(
                  cb.equal(root.get("parentTaskId"), task.getId()),
                  cb.isFalse(root.get("deleted")),
                  cb.greaterThan(root.get("dueDate"), task.getDueDate()));
      if (tasks.count(laterChildren) > 0) {
        throw RuleViolationException.invalid(
            "subtask_due_after_parent", "due_date", "due_date cannot be earlier than a sub-task's due date");
      }
    }
  }

  private static void checkVersion(Task task, Long version) {
    if (version == null || task.getVersion() != version) {
      throw RuleViolationException.conflict(
          "version_conflict",
          "version",
          "The task is at version " + task.getVersion() + ", not " + version + "; reload it and apply your change again");
    }
  }

  private static Specification<Task> matching(TaskFilter f) {
    return (root, query, cb) -> {
      List<Predicate> p = new ArrayList<>();
      if (f.taskType() != null) {
        p.add(cb.equal(root.get("taskType"), f.taskType()));
      }
      if (f.status() != null) {
        p.add(cb.equal(root.get("status"), f.status()));
      }
      if (f.priority() != null) {
        p.add(cb.equal(root.get("priority"), f.priority()));
      }
      if (f.assignedToUserId() != null) {
        p.add(cb.equal(root.get("assignedToUserId"), f.assignedToUserId()));
      }
      if (f.customerId() != null) {
        p.add(cb.equal(root.get("customerId"), f.customerId()));
      }
      if (f.dueFrom() != null) {
        p.add(cb.greaterThanOrEqualTo(root.get("dueDate"), f.dueFrom()));
      }
      if (f.dueTo() != null) {
        p.add(cb.lessThan(root.get("dueDate"), f.dueTo()));
      }
      if (f.q() != null && !f.q().isBlank()) {
        // PostgreSQL full-text search over title, description and comments: V40's inlined
        // task_text_matches is search_vector @@ websearch_to_tsquery(...), served by the GIN index
        p.add(cb.isTrue(
            cb.function("task_text_matches", Boolean.class, root.get("searchVector"), cb.literal(f.q().strip()))));
      }
      if (f.tag() != null && !f.tag().isBlank()) {
        p.add(cb.isTrue(cb.function("task_has_tag", Boolean.class, root.get("id"), cb.literal(f.tag().strip().toLowerCase()))));
      }
      return cb.and(p.toArray(Predicate[]::new));
    };
  }

  private static final Map<String, String> SORT_FIELDS =
      Map.of(
          "due_date", "dueDate",
          "created_at", "createdAt",
          "updated_at", "updatedAt",
          "priority", "priority",
          "status", "status",
          "task_title", "taskTitle",
          "completion_percentage", "completionPercentage");

  /**
   * Orders the list (count queries stay unordered). Priority sorts by urgency, not by name;
   * created_at and id break ties so that paging is stable.
   */
  private static Specification<Task> ordered(String sort) {
    String key = sort == null || sort.isBlank() ? "due_date" : sort;
    boolean descending = key.startsWith("-");
    String field = SORT_FIELDS.getOrDefault(descending ? key.substring(1) : key, "dueDate");
    return (root, query, cb) -> {
      if (query.getResultType() != Long.class && query.getResultType() != long.class) {
        jakarta.persistence.criteria.Expression<?> expression =
            field.equals("priority")
                ? cb.selectCase(root.get("priority"))
                    .when(TaskPriority.LOW, 0)
                    .when(TaskPriority.NORMAL, 1)
                    .when(TaskPriority.HIGH, 2)
                    .otherwise(3)
                : root.get(field);
        query.orderBy(
            descending ? cb.desc(expression) : cb.asc(expression),
            cb.asc(root.get("createdAt")),
            cb.asc(root.get("id")));
      }
      return cb.conjunction();
    };
  }

  // views

  private TaskView view(Task task, boolean includeComments, boolean includeSubtasks) {
    String assignee =
        task.getAssignedToUserId() == null
            ? null
            : directory.findUser(task.getAssignedToUserId()).map(DirectoryUser::username).orElse(null);
    List<CommentView> commentViews = includeComments ? commentTree(task.getId()) : null;
    List<TaskView> subtasks = includeSubtasks ? subtaskTree(task.getId(), currentUser.get(), 1) : null;
    List<String> tags = labels.tagsOf(List.of(task.getId())).get(task.getId());
    return TaskView.of(task, assignee, tags, null, null, commentViews, subtasks);
  }

  /** The visible sub-tasks with their own sub-tasks, at most ten levels deep. */
  private List<TaskView> subtaskTree(UUID parentId, DirectoryUser user, int depth) {
    Specification<Task> children = (root, query, cb) -> cb.equal(root.get("parentTaskId"), parentId);
    return tasks.findAll(access.visibleTo(user).and(children), Sort.by("createdAt")).stream()
        .map(t -> TaskView.of(t, null, null, depth >= 10 ? List.of() : subtaskTree(t.getId(), user, depth + 1)))
        .toList();
  }

  private List<CommentView> commentTree(UUID taskId) {
    List<TaskComment> all = comments.findByTaskIdAndDeletedFalseOrderByCreatedAtAsc(taskId);
    Map<UUID, String> names = usernames(all.stream().map(TaskComment::getUserId).toList());
    Map<UUID, List<TaskComment>> byParent = new HashMap<>();
    all.forEach(c -> byParent.computeIfAbsent(c.getParentCommentId(), k -> new ArrayList<>()).add(c));
    Function<TaskComment, CommentView>[] build = new Function[1];
    build[0] = c -> toView(c, names, byParent.getOrDefault(c.getId(), List.of()).stream().map(build[0]).toList());
    List<TaskComment> roots = byParent.getOrDefault(null, List.of());
    // pinned comments first, then in order of writing
    return roots.stream()
        .sorted((a, b) -> Boolean.compare(b.isPinned(), a.isPinned()))
        .map(build[0])
        .toList();
  }

  private static CommentView toView(TaskComment c, Map<UUID, String> names, List<CommentView> replies) {
    return new CommentView(
        c.getId(),
        c.getTaskId(),
        c.getUserId(),
        names.get(c.getUserId()),
        c.getParentCommentId(),
        c.getCommentText(),
        c.getCommentType(),
        c.isInternal(),
        c.isPinned(),
        c.getCreatedAt(),
        replies);
  }

  private Map<UUID, String> usernames(Collection<UUID> ids) {
    Set<UUID> wanted = ids.stream().filter(Objects::nonNull).collect(Collectors.toSet());
    Map<UUID, String> names = new LinkedHashMap<>();
    wanted.forEach(id -> directory.findUser(id).ifPresent(u -> names.put(id, u.username())));
    return names;
  }
}
