package com.activityflow.task.web;

import com.activityflow.platform.security.CurrentUser;
import com.activityflow.task.BulkTaskOperations;
import com.activityflow.task.TaskDependencies;
import com.activityflow.task.TaskFilter;
import com.activityflow.task.TaskPriority;
import com.activityflow.task.TaskRequests.AddComment;
import com.activityflow.task.TaskRequests.AssignTask;
import com.activityflow.task.TaskRequests.CreateTask;
import com.activityflow.task.TaskRequests.UpdateTask;
import com.activityflow.task.TaskManager;
import com.activityflow.task.TaskStatus;
import com.activityflow.task.TaskType;
import com.activityflow.task.TaskView;
import com.activityflow.task.TaskView.CommentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The task API of seed 000 section 9.1. */
@RestController
@RequestMapping("/api/tasks")
@Validated
@Tag(name = "Tasks")
@SecurityRequirement(name = "bearer")
class TaskController {

  private final TaskManager tasks;
  private final TaskDependencies dependencies;
  private final BulkTaskOperations bulk;
  private final CurrentUser currentUser;

  TaskController(TaskManager tasks, TaskDependencies dependencies, BulkTaskOperations bulk, CurrentUser currentUser) {
    this.tasks = tasks;
    this.dependencies = dependencies;
    this.bulk = bulk;
    this.currentUser = currentUser;
  }

  record AddDependency(@jakarta.validation.constraints.NotNull(message = "predecessor_id is required") UUID predecessorId) {}

  @GetMapping("/{id}/dependencies")
  @Operation(summary = "The tasks this task waits for (predecessors) and the tasks waiting for it")
  TaskDependencies.Dependencies dependencies(@PathVariable UUID id) {
    return dependencies.of(id, currentUser.get());
  }

  @PostMapping("/{id}/dependencies")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Make this task wait for another (finish-to-start); cycles are refused")
  TaskDependencies.Dependencies addDependency(@PathVariable UUID id, @Valid @RequestBody AddDependency request) {
    return dependencies.add(id, request.predecessorId(), currentUser.get());
  }

  @DeleteMapping("/{id}/dependencies/{predecessorId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeDependency(@PathVariable UUID id, @PathVariable UUID predecessorId) {
    dependencies.remove(id, predecessorId, currentUser.get());
  }

  @PostMapping("/bulk")
  @Operation(summary = "Assign, change the status of, or delete up to 500 tasks; one result per task")
  BulkTaskOperations.BulkResult bulk(@Valid @RequestBody BulkTaskOperations.BulkRequest request) {
    return bulk.apply(request);
  }

  @PostMapping
  @Operation(summary = "Create a task; it is assigned by the rules and its lifecycle process starts")
  ResponseEntity<TaskView> create(@Valid @RequestBody CreateTask request) {
    TaskView created = tasks.create(request);
    return ResponseEntity.created(URI.create("/api/tasks/" + created.id())).body(created);
  }

  @GetMapping
  @Operation(summary = "List the tasks the caller may see, filtered, sorted and paged")
  TaskView.Page<TaskView> list(
      @RequestParam(name = "page", required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize,
      @RequestParam(name = "task_type", required = false) TaskType taskType,
      @RequestParam(name = "status", required = false) TaskStatus status,
      @RequestParam(name = "priority", required = false) TaskPriority priority,
      @RequestParam(name = "assigned_to_user_id", required = false) UUID assignedToUserId,
      @RequestParam(name = "customer_id", required = false) UUID customerId,
      @RequestParam(name = "due_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueFrom,
      @RequestParam(name = "due_to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueTo,
      @RequestParam(name = "sort", required = false) String sort,
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "tag", required = false) String tag) {
    return tasks.list(
        validated(new TaskFilter(page, pageSize, taskType, status, priority, assignedToUserId, customerId, dueFrom, dueTo, sort, q, tag)));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A task, optionally with its comments and sub-tasks")
  TaskView get(
      @PathVariable UUID id,
      @RequestParam(name = "include_comments", defaultValue = "false") boolean includeComments,
      @RequestParam(name = "include_subtasks", defaultValue = "false") boolean includeSubtasks,
      @RequestParam(name = "include_attachments", defaultValue = "false") boolean includeAttachments) {
    return tasks.get(id, includeComments, includeSubtasks, includeAttachments);
  }

  @GetMapping("/{id}/history")
  @Operation(summary = "Who changed which field from what to what, when")
  List<com.activityflow.task.TaskHistory.Change> history(@PathVariable UUID id) {
    return tasks.history(id);
  }

  record Tags(
      @jakarta.validation.constraints.NotNull(message = "tags is required")
          @jakarta.validation.constraints.Size(max = 20, message = "a task has at most 20 tags")
          List<@jakarta.validation.constraints.Size(max = 50, message = "a tag is at most 50 characters") String> tags) {}

  @PutMapping("/{id}/tags")
  @Operation(summary = "Replace the task's tags")
  Tags replaceTags(@PathVariable UUID id, @Valid @RequestBody Tags request) {
    return new Tags(tasks.replaceTags(id, request.tags()));
  }

  record WatchRequest(UUID userId) {}

  @GetMapping("/{id}/watchers")
  List<com.activityflow.task.TaskLabels.Watcher> watchers(@PathVariable UUID id) {
    return tasks.watchers(id);
  }

  @PostMapping("/{id}/watchers")
  @Operation(summary = "Watch the task (user_id of someone else: team leads and above)")
  List<com.activityflow.task.TaskLabels.Watcher> watch(@PathVariable UUID id, @RequestBody(required = false) WatchRequest request) {
    return tasks.watch(id, request == null ? null : request.userId());
  }

  @DeleteMapping("/{id}/watchers/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unwatch(@PathVariable UUID id, @PathVariable UUID userId) {
    tasks.unwatch(id, userId);
  }

  @PostMapping(value = "/{id}/attachments", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Attach a file (multipart field 'file'); its type is detected from the content")
  com.activityflow.task.TaskAttachments.AttachmentView attach(
      @PathVariable UUID id, @org.springframework.web.bind.annotation.RequestPart(name = "file", required = false) org.springframework.web.multipart.MultipartFile file) {
    return tasks.attach(id, file);
  }

  @GetMapping("/{id}/attachments")
  List<com.activityflow.task.TaskAttachments.AttachmentView> attachments(@PathVariable UUID id) {
    return tasks.attachments(id);
  }

  @GetMapping("/{id}/attachments/{attachmentId}/content")
  @Operation(summary = "Download an attachment (always as a download, with its detected type)")
  ResponseEntity<org.springframework.core.io.Resource> download(@PathVariable UUID id, @PathVariable UUID attachmentId) {
    var content = tasks.attachmentContent(id, attachmentId);
    return ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.parseMediaType(content.attachment().contentType()))
        .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
            .filename(content.attachment().fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(new org.springframework.core.io.FileSystemResource(content.file()));
  }

  @DeleteMapping("/{id}/attachments/{attachmentId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeAttachment(@PathVariable UUID id, @PathVariable UUID attachmentId) {
    tasks.removeAttachment(id, attachmentId);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change a task; fields left out stay; status completed finishes its process")
  TaskView update(@PathVariable UUID id, @Valid @RequestBody UpdateTask request) {
    return tasks.update(id, request);
  }

  @PostMapping("/{id}/assign")
  @Operation(summary = "Assign a task to a user of the company (capacity permitting), or back to its queue")
  TaskView assign(@PathVariable UUID id, @Valid @RequestBody AssignTask request) {
    return tasks.assign(id, request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Soft-delete a task (managers, admins); its process is cancelled")
  void delete(@PathVariable UUID id, @RequestParam(name = "version", required = false) Long version) {
    tasks.delete(id, version);
  }

  @GetMapping("/{id}/comments")
  @Operation(summary = "The task's comments as threads, pinned first")
  List<CommentView> comments(@PathVariable UUID id) {
    return tasks.comments(id);
  }

  @PostMapping("/{id}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Comment on a task or reply to a comment")
  CommentView addComment(@PathVariable UUID id, @Valid @RequestBody AddComment request) {
    return tasks.addComment(id, request);
  }

  private final jakarta.validation.Validator validator =
      jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();

  private TaskFilter validated(TaskFilter filter) {
    var violations = validator.validate(filter);
    if (!violations.isEmpty()) {
      throw new jakarta.validation.ConstraintViolationException(violations);
    }
    return filter;
  }
}
