package com.activityflow.task;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;

/**
 * List filters of seed 000 section 9.1. {@code sort} is a field name, {@code -} first for
 * descending (e.g. {@code -priority}); the default is {@code due_date}.
 */
public record TaskFilter(
    @Min(value = 1, message = "page starts at 1") Integer page,
    @Min(value = 1, message = "page_size is at least 1") @Max(value = 200, message = "page_size is at most 200")
        Integer pageSize,
    TaskType taskType,
    TaskStatus status,
    TaskPriority priority,
    UUID assignedToUserId,
    UUID customerId,
    Instant dueFrom,
    Instant dueTo,
    @Pattern(
            regexp = "-?(due_date|created_at|updated_at|priority|status|task_title|completion_percentage)",
            message = "sort must be one of due_date, created_at, updated_at, priority, status, task_title,"
                + " completion_percentage, optionally prefixed with -")
        String sort,
    @jakarta.validation.constraints.Size(max = 200, message = "q is at most 200 characters") String q,
    @jakarta.validation.constraints.Size(max = 50, message = "tag is at most 50 characters") String tag) {

  int pageOrDefault() {
    return page == null ? 1 : page;
  }

  int pageSizeOrDefault() {
    return pageSize == null ? 20 : pageSize;
  }
}
