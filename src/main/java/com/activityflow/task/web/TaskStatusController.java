package com.activityflow.task.web;

import com.activityflow.platform.security.CurrentUser;
import com.activityflow.task.StatusCatalog;
import com.activityflow.task.StatusCatalog.ChangeStatus;
import com.activityflow.task.StatusCatalog.StatusView;
import com.activityflow.task.TaskStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The company's task statuses (seed 000 section 9.1); managers configure them. */
@RestController
@RequestMapping("/api/task-statuses")
@Tag(name = "Task statuses")
@SecurityRequirement(name = "bearer")
class TaskStatusController {

  private final StatusCatalog catalog;
  private final CurrentUser currentUser;

  TaskStatusController(StatusCatalog catalog, CurrentUser currentUser) {
    this.catalog = catalog;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "The statuses of the caller's company, filtered by is_active and status_type")
  List<StatusView> list(
      @RequestParam(name = "is_active", required = false) Boolean active,
      @RequestParam(name = "status_type", required = false) String statusType) {
    return catalog.list(currentUser.get().companyId(), active, statusType);
  }

  @PutMapping("/{code}")
  @PreAuthorize("@taskAccessPolicy.mayConfigureStatuses(principal)")
  @Operation(summary = "Change how a status behaves: transitions, comment requirement, percentage, colour, active")
  StatusView change(@PathVariable TaskStatus code, @Valid @RequestBody ChangeStatus change) {
    return catalog.change(currentUser.get().companyId(), code, change);
  }
}
