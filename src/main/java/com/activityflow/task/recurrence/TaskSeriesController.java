package com.activityflow.task.recurrence;

import com.activityflow.task.TaskView;
import com.activityflow.task.recurrence.TaskSeriesRequests.CreateSeries;
import com.activityflow.task.recurrence.TaskSeriesRequests.UpdateSeries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.RestController;

/** Recurring task series: each occurrence becomes an ordinary task. */
@RestController
@RequestMapping("/api/task-series")
@Validated
@Tag(name = "Task series")
@SecurityRequirement(name = "bearer")
class TaskSeriesController {

  private final TaskSeriesService series;

  TaskSeriesController(TaskSeriesService series) {
    this.series = series;
  }

  @PostMapping
  @Operation(summary = "Create a recurring series (RRULE, dtstart, time_zone); its process schedules the occurrences")
  ResponseEntity<TaskSeriesView> create(@Valid @RequestBody CreateSeries request) {
    TaskSeriesView created = series.create(request);
    return ResponseEntity.created(URI.create("/api/task-series/" + created.id())).body(created);
  }

  @GetMapping
  @Operation(summary = "The company's series, newest first, paged")
  TaskView.Page<TaskSeriesView> list(
      @RequestParam(name = "page", defaultValue = "1") @Min(value = 1, message = "page starts at 1") int page,
      @RequestParam(name = "page_size", defaultValue = "20")
          @Min(value = 1, message = "page_size is at least 1")
          @Max(value = 200, message = "page_size is at most 200")
          int pageSize) {
    return series.list(page, pageSize);
  }

  @GetMapping("/{id}")
  @Operation(summary = "A series with its next occurrences")
  TaskSeriesView get(@PathVariable UUID id) {
    return series.get(id);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Edit a series; future occurrences follow the new rule, created ones stay")
  TaskSeriesView update(@PathVariable UUID id, @Valid @RequestBody UpdateSeries request) {
    return series.update(id, request);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Stop a series (creator, team lead, manager, admin): no further occurrences")
  TaskSeriesView delete(@PathVariable UUID id, @RequestParam(name = "version", required = false) Long version) {
    return series.stop(id, version);
  }

  @PostMapping("/{id}/stop")
  @Operation(summary = "Stop a series (creator, team lead, manager, admin): no further occurrences")
  TaskSeriesView stop(@PathVariable UUID id, @RequestParam(name = "version", required = false) Long version) {
    return series.stop(id, version);
  }
}
