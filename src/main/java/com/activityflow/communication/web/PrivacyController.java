package com.activityflow.communication.web;

import com.activityflow.communication.CommunicationRetention;
import com.activityflow.communication.PersonalData;
import com.activityflow.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GDPR access and erasure of a contact, and retention runs (managers and admins of the company). */
@RestController
@Tag(name = "Privacy and retention")
@SecurityRequirement(name = "bearer")
class PrivacyController {

  private final PersonalData personalData;
  private final CommunicationRetention retention;
  private final CurrentUser currentUser;

  PrivacyController(PersonalData personalData, CommunicationRetention retention, CurrentUser currentUser) {
    this.personalData = personalData;
    this.retention = retention;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/contacts/{id}/personal-data")
  @Operation(summary = "Everything stored about a contact as JSON: contact, communications with content, threads, attachment"
      + " metadata, tasks with comments and history, audit entries (managers, admins; audited)")
  PersonalData.Export export(@PathVariable UUID id) {
    return personalData.export(id, currentUser.get());
  }

  @PostMapping("/api/contacts/{id}/erase")
  @Operation(summary = "Anonymise a contact and its communications, keeping rows and counts (managers, admins; reason required; audited)")
  PersonalData.Erasure erase(@PathVariable UUID id, @Valid @RequestBody PersonalData.EraseRequest request) {
    return personalData.erase(id, request, currentUser.get());
  }

  @PostMapping("/api/admin/retention/run")
  @Operation(summary = "Apply the categories' retention to the caller's company now; dry_run=true (the default) only reports"
      + " what would be archived or purged (managers, admins; audited)")
  CommunicationRetention.Report run(@RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun) {
    return retention.run(currentUser.get(), dryRun);
  }
}
