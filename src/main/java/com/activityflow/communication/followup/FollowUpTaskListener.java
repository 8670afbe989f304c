package com.activityflow.communication.followup;

import com.activityflow.task.TaskEvent;
import com.activityflow.task.TaskStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a waiting follow-up that its task was completed or cancelled, whether through the API or
 * Tasklist; runs in the transaction of the task's change.
 */
@Component
class FollowUpTaskListener {

  private final FollowUps followUps;

  FollowUpTaskListener(FollowUps followUps) {
    this.followUps = followUps;
  }

  @EventListener
  void on(TaskEvent event) {
    if (!TaskEvent.STATUS_CHANGED.equals(event.type())) {
      return;
    }
    Object status = event.data().get("new_status");
    if (TaskStatus.COMPLETED.code().equals(status)) {
      followUps.taskClosed(event.taskId(), TaskStatus.COMPLETED);
    } else if (TaskStatus.CANCELLED.code().equals(status)) {
      followUps.taskClosed(event.taskId(), TaskStatus.CANCELLED);
    }
  }
}
