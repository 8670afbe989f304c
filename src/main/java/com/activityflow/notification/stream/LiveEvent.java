package com.activityflow.notification.stream;

import com.activityflow.task.TaskEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A task event as the live stream sends it (JSON snake_case). */
record LiveEvent(String type, UUID taskId, Instant occurredAt, Map<String, Object> data) {

  static LiveEvent of(TaskEvent event) {
    return new LiveEvent(event.type(), event.taskId(), event.occurredAt(), event.data());
  }
}
