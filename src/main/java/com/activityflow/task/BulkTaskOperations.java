package com.activityflow.task;

import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.TaskRequests.AssignTask;
import com.activityflow.task.TaskRequests.UpdateTask;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk assign, status change or delete of up to 500 tasks (T6). Each task is changed in its own
 * transaction by the same rules as a single change; the answer reports every task's outcome, so
 * a partial success is visible, never hidden.
 */
@Service
public class BulkTaskOperations {

  private static final Logger log = LoggerFactory.getLogger(BulkTaskOperations.class);

  public record BulkRequest(
      @NotNull(message = "action is required")
          @Pattern(regexp = "assign|status|delete", message = "action is assign, status or delete")
          String action,
      @NotEmpty(message = "task_ids needs at least one id") @Size(max = 500, message = "task_ids holds at most 500 ids")
          List<@NotNull(message = "task_ids may not contain null") UUID> taskIds,
      @Schema(description = "for assign: the new assignee, null = back to the team queue") UUID assignedToUserId,
      @Schema(description = "for status: the new status") TaskStatus status,
      @Size(max = 10000, message = "status_comment is at most 10000 characters") String statusComment) {}

  public record ItemResult(UUID taskId, boolean ok, int httpStatus, String errorCode, String message, Long version) {}

  public record BulkResult(String action, int succeeded, int failed, List<ItemResult> results) {}

  private final TaskManager tasks;
  private final TransactionTemplate eachInItsOwnTransaction;

  BulkTaskOperations(TaskManager tasks, PlatformTransactionManager transactions) {
    this.tasks = tasks;
    this.eachInItsOwnTransaction = new TransactionTemplate(transactions);
    this.eachInItsOwnTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public BulkResult apply(BulkRequest request) {
    if (request.action().equals("status") && request.status() == null) {
      throw RuleViolationException.invalid("status_required", "status", "action status needs a status");
    }
    List<ItemResult> results = new ArrayList<>();
    for (UUID id : new LinkedHashSet<>(request.taskIds())) {
      results.add(applyOne(request, id));
    }
    int succeeded = (int) results.stream().filter(ItemResult::ok).count();
    return new BulkResult(request.action(), succeeded, results.size() - succeeded, results);
  }

  private ItemResult applyOne(BulkRequest request, UUID id) {
    try {
      Long version =
          eachInItsOwnTransaction.execute(
              status ->
                  switch (request.action()) {
                    case "assign" -> tasks.assign(id, new AssignTask(request.assignedToUserId(), null)).version();
                    case "status" -> {
                      TaskView current = tasks.get(id, false, false);
                      yield tasks.update(
                              id,
                              new UpdateTask(
                                  current.version(), null, null, null, null, null, request.status(), null, null, null,
                                  null, null, null, null, null, request.statusComment()))
                          .version();
                    }
                    default -> {
                      tasks.delete(id, null);
                      yield null;
                    }
                  });
      return new ItemResult(id, true, request.action().equals("delete") ? 204 : 200, null, null, version);
    } catch (RuleViolationException e) {
      return new ItemResult(id, false, e.status().value(), e.rule(), e.getMessage(), null);
    } catch (NotFoundException e) {
      return new ItemResult(id, false, 404, "not_found", e.getMessage(), null);
    } catch (AccessDeniedException e) {
      return new ItemResult(id, false, 403, "forbidden", e.getMessage(), null);
    } catch (OptimisticLockingFailureException e) {
      return new ItemResult(id, false, 409, "version_conflict", "The task was changed at the same time; try again", null);
    } catch (RuntimeException e) {
      log.error("Bulk {} failed for task {}", request.action(), id, e);
      return new ItemResult(id, false, 500, "internal_error", "An unexpected error occurred; it has been logged", null);
    }
  }
}
