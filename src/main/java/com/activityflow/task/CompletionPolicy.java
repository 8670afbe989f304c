package com.activityflow.task;

import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.domain.Task;
import com.activityflow.task.domain.TaskRepository;
import org.springframework.stereotype.Component;

/**
 * A task completes only when its sub-tasks are done, its predecessors are completed and its
 * approval, if any, was given (seed 000 sections 5.4 and 6.3). Applies to the API and to
 * Tasklist alike.
 */
@Component
public class CompletionPolicy {

  private final TaskRepository tasks;
  private final org.springframework.beans.factory.ObjectProvider<TaskDependencies> dependencies;

  CompletionPolicy(TaskRepository tasks, org.springframework.beans.factory.ObjectProvider<TaskDependencies> dependencies) {
    this.tasks = tasks;
    this.dependencies = dependencies;
  }

  public void check(Task task) {
    if (task.getApprovalStatus() == ApprovalStatus.PENDING) {
      throw RuleViolationException.conflict(
          "approval_pending", "status", "The task cannot be completed while its approval is pending");
    }
    if (task.getApprovalStatus() == ApprovalStatus.REJECTED || task.getStatus() == TaskStatus.REJECTED) {
      throw RuleViolationException.conflict(
          "approval_rejected", "status", "The task was rejected and cannot be completed");
    }
    dependencies.getObject().checkNotBlocked(task);
    long open = tasks.countOpenSubTasks(task.getId());
    if (open > 0) {
      throw RuleViolationException.conflict(
          "open_subtasks", "status", "The task cannot be completed while " + open + " sub-task(s) are open");
    }
  }
}
