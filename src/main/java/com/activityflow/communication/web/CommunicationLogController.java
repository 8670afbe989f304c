package com.activityflow.communication.web;

import com.activityflow.communication.CommunicationLogs;
import com.activityflow.communication.CommunicationRequests.AssignLog;
import com.activityflow.communication.CommunicationRequests.CreateLog;
import com.activityflow.communication.CommunicationRequests.UpdateLog;
import com.activityflow.communication.CommunicationView;
import com.activityflow.communication.Contacts;
import com.activityflow.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** The communication log API of seed 001 section 9.1. */
@RestController
@RequestMapping("/api/communication-logs")
@Tag(name = "Communication logs")
@SecurityRequirement(name = "bearer")
class CommunicationLogController {

  private final CommunicationLogs logs;
  private final CurrentUser currentUser;

  CommunicationLogController(CommunicationLogs logs, CurrentUser currentUser) {
    this.logs = logs;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "The communications the caller may see, newest first, filtered and paged")
  Contacts.PageOf<CommunicationView> list(
      @RequestParam(name = "page", required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize,
      @RequestParam(name = "communication_type", required = false) String communicationType,
      @RequestParam(name = "channel", required = false) String channel,
      @RequestParam(name = "direction", required = false) String direction,
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "priority", required = false) String priority,
      @RequestParam(name = "customer_id", required = false) UUID customerId,
      @RequestParam(name = "contact_id", required = false) UUID contactId,
      @RequestParam(name = "assigned_to_user_id", required = false) UUID assignedToUserId,
      @RequestParam(name = "category_id", required = false) UUID categoryId,
      @RequestParam(name = "thread_id", required = false) UUID threadId,
      @RequestParam(name = "requires_follow_up", required = false) Boolean requiresFollowUp,
      @RequestParam(name = "start_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant startFrom,
      @RequestParam(name = "start_to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant startTo) {
    Paging paging = Paging.of(page, pageSize);
    return logs.list(new CommunicationLogs.Filter(communicationType, channel, direction, status, priority, customerId, contactId,
        assignedToUserId, categoryId, threadId, requiresFollowUp, startFrom, startTo, paging.page(), paging.pageSize()), currentUser.get());
  }

  @PostMapping
  @Operation(summary = "Log a call, email, meeting...: validated by the rules of seed 001, then triaged")
  ResponseEntity<CommunicationView> create(@Valid @RequestBody CreateLog request) {
    CommunicationView created = logs.create(request, currentUser.get());
    return ResponseEntity.created(URI.create("/api/communication-logs/" + created.id())).body(created);
  }

  @GetMapping("/{id}")
  @Operation(summary = "A communication, optionally with attachments, follow-up, transcript and the rest of its thread")
  CommunicationView get(
      @PathVariable UUID id,
      @RequestParam(name = "include_attachments", defaultValue = "false") boolean includeAttachments,
      @RequestParam(name = "include_follow_up", defaultValue = "false") boolean includeFollowUp,
      @RequestParam(name = "include_transcript", defaultValue = "false") boolean includeTranscript,
      @RequestParam(name = "include_thread", defaultValue = "false") boolean includeThread) {
    return logs.get(id, new CommunicationLogs.Includes(includeAttachments, includeFollowUp, includeTranscript, includeThread), currentUser.get());
  }

  @PutMapping("/{id}")
  @Operation(summary = "Change a communication; fields left out stay; send the version you read (409 when stale)")
  CommunicationView update(@PathVariable UUID id, @Valid @RequestBody UpdateLog request) {
    return logs.update(id, request, currentUser.get());
  }

  @PostMapping("/{id}/assign")
  @Operation(summary = "Assign to a user (capacity and availability permitting) or back to the queue (null)")
  CommunicationView assign(@PathVariable UUID id, @Valid @RequestBody AssignLog request) {
    return logs.assign(id, request, currentUser.get());
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Soft-delete (managers, admins); refused while a follow-up is active")
  void delete(@PathVariable UUID id) {
    logs.delete(id, currentUser.get());
  }
}
