package com.activityflow.audit;

import com.activityflow.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin's view of the audit trail of its company, as JSON or CSV. */
@RestController
@RequestMapping("/api/admin/audit")
@PreAuthorize("@auditAccessPolicy.mayReadAuditTrail(principal)")
@Validated
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
class AuditController {

  private final AuditTrail audit;
  private final CurrentUser currentUser;

  AuditController(AuditTrail audit, CurrentUser currentUser) {
    this.audit = audit;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "Audit entries of the company, newest first, filtered")
  List<AuditTrail.Entry> find(
      @RequestParam(name = "entity_type", required = false) String entityType,
      @RequestParam(name = "entity_id", required = false) String entityId,
      @RequestParam(name = "actor", required = false) String actor,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(name = "page", defaultValue = "1") @Min(value = 1, message = "page starts at 1") int page,
      @RequestParam(name = "page_size", defaultValue = "50") @Min(value = 1, message = "page_size is at least 1")
          @Max(value = 1000, message = "page_size is at most 1000") int pageSize) {
    return audit.find(currentUser.get().companyId(), new AuditTrail.Query(entityType, entityId, actor, action, from, to, page, pageSize));
  }

  @GetMapping("/export")
  @Operation(summary = "The same entries as CSV (up to 10,000)")
  ResponseEntity<String> export(
      @RequestParam(name = "entity_type", required = false) String entityType,
      @RequestParam(name = "entity_id", required = false) String entityId,
      @RequestParam(name = "actor", required = false) String actor,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
    List<AuditTrail.Entry> entries =
        audit.find(currentUser.get().companyId(), new AuditTrail.Query(entityType, entityId, actor, action, from, to, 1, 10_000));
    StringBuilder csv = new StringBuilder("occurred_at,actor,action,entity_type,entity_id,field,old_value,new_value,reason,request_id,ip\r\n");
    for (AuditTrail.Entry e : entries) {
      List<AuditTrail.FieldChange> changes = e.changes().isEmpty() ? List.of(new AuditTrail.FieldChange("", null, null)) : e.changes();
      for (AuditTrail.FieldChange c : changes) {
        csv.append(List.of(String.valueOf(e.occurredAt()), nz(e.actorUsername()), e.action(), e.entityType(), nz(e.entityId()),
                nz(c.field()), nz(c.oldValue()), nz(c.newValue()), nz(e.reason()), nz(e.requestId()), nz(e.ip()))
            .stream().map(AuditController::cell).collect(Collectors.joining(","))).append("\r\n");
      }
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
        .body(csv.toString());
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

  /** RFC 4180 quoting; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
  static String cell(String value) {
    String v = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
