package com.activityflow.task.web;

import com.activityflow.platform.security.CurrentUser;
import com.activityflow.task.TaskCategory;
import com.activityflow.task.TaskType;
import com.activityflow.task.TemplateCatalog;
import com.activityflow.task.TemplateCatalog.TemplateRequest;
import com.activityflow.task.TemplateCatalog.TemplateView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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

/** Task templates (seed 000 sections 4.1 and 9.1); team leads and managers maintain them. */
@RestController
@RequestMapping("/api/task-templates")
@Tag(name = "Task templates")
@SecurityRequirement(name = "bearer")
class TaskTemplateController {

  private final TemplateCatalog templates;
  private final CurrentUser currentUser;

  TaskTemplateController(TemplateCatalog templates, CurrentUser currentUser) {
    this.templates = templates;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "The company's templates, filtered by is_active, task_type and category")
  List<TemplateView> list(
      @RequestParam(name = "is_active", required = false) Boolean active,
      @RequestParam(name = "task_type", required = false) TaskType taskType,
      @RequestParam(name = "category", required = false) TaskCategory category) {
    return templates.list(currentUser.get().companyId(), active, taskType, category);
  }

  @GetMapping("/{id}")
  TemplateView get(@PathVariable UUID id) {
    return templates.get(currentUser.get().companyId(), id);
  }

  @PostMapping
  @PreAuthorize("@taskAccessPolicy.mayManageTemplates(principal)")
  @Operation(summary = "Create a template; texts may contain {{placeholders}}")
  ResponseEntity<TemplateView> create(@Valid @RequestBody TemplateRequest request) {
    TemplateView created = templates.create(currentUser.get(), request);
    return ResponseEntity.created(URI.create("/api/task-templates/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  @PreAuthorize("@taskAccessPolicy.mayManageTemplates(principal)")
  TemplateView update(@PathVariable UUID id, @Valid @RequestBody TemplateRequest request) {
    return templates.update(currentUser.get().companyId(), id, request);
  }

  @DeleteMapping("/{id}")
  @PreAuthorize("@taskAccessPolicy.mayManageTemplates(principal)")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Deactivate a template")
  void deactivate(@PathVariable UUID id) {
    templates.deactivate(currentUser.get().companyId(), id);
  }
}
