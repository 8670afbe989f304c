package com.activityflow.notification.stream;

import com.activityflow.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Server-sent events of the tasks the caller may see (seed 000 section 9.3). */
@RestController
@Tag(name = "Live events")
@SecurityRequirement(name = "bearer")
class EventStreamController {

  private final EventStreams streams;
  private final CurrentUser currentUser;

  EventStreamController(EventStreams streams, CurrentUser currentUser) {
    this.streams = streams;
    this.currentUser = currentUser;
  }

  @GetMapping(path = "/api/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "task.created, task.assigned, task.status_changed, task.comment_added as they commit")
  SseEmitter stream() {
    return streams.open(currentUser.get());
  }
}
