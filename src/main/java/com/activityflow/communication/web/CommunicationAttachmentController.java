package com.activityflow.communication.web;

import com.activityflow.communication.CommunicationAttachments;
import com.activityflow.communication.Contacts;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.RuleViolationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Attachments of communications (seed 001 section 9.1). */
@RestController
@RequestMapping("/api/communication-attachments")
@Tag(name = "Communication attachments")
@SecurityRequirement(name = "bearer")
class CommunicationAttachmentController {

  private final CommunicationAttachments attachments;
  private final CurrentUser currentUser;

  CommunicationAttachmentController(CommunicationAttachments attachments, CurrentUser currentUser) {
    this.attachments = attachments;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "Attachments of the communications the caller may see, newest first")
  Contacts.PageOf<CommunicationAttachments.AttachmentView> list(
      @RequestParam(name = "communication_id", required = false) UUID communicationId,
      @RequestParam(name = "file_type", required = false) String fileType,
      @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(name = "uploaded_by_user_id", required = false) UUID uploadedByUserId,
      @RequestParam(name = "page", required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize) {
    Paging paging = Paging.of(page, pageSize);
    return attachments.list(new CommunicationAttachments.Filter(communicationId, fileType, from, to, uploadedByUserId, paging.page(),
        paging.pageSize()), currentUser.get());
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Attach a file (multipart: file, communication_log_id, is_public, is_internal); its type is detected from the bytes")
  CommunicationAttachments.AttachmentView upload(
      @RequestParam(name = "communication_log_id", required = false) String communicationLogId,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "is_public", defaultValue = "false") boolean isPublic,
      @RequestParam(name = "is_internal", defaultValue = "false") boolean isInternal) {
    UUID logId;
    try {
      logId = UUID.fromString(communicationLogId == null ? "" : communicationLogId.strip());
    } catch (IllegalArgumentException e) {
      throw RuleViolationException.invalid("required", "communication_log_id", "communication_log_id is the id of a communication log");
    }
    return attachments.upload(logId, file, isPublic, isInternal, currentUser.get());
  }

  @GetMapping("/{id}/content")
  @Operation(summary = "Download (always as a download, with its detected type); counts downloads")
  ResponseEntity<Resource> download(@PathVariable UUID id) {
    CommunicationAttachments.Content content = attachments.download(id, currentUser.get());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(content.attachment().fileType()))
        .header("Content-Disposition", ContentDisposition.attachment().filename(content.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(new FileSystemResource(content.file()));
  }
}
