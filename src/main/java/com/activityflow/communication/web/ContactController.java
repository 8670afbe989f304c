package com.activityflow.communication.web;

import com.activityflow.communication.Contacts;
import com.activityflow.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers and contacts as the CRM's mirror: the CRM upserts them by its own ids. */
@RestController
@Tag(name = "Customers and contacts")
@SecurityRequirement(name = "bearer")
class ContactController {

  private final Contacts contacts;
  private final CurrentUser currentUser;

  ContactController(Contacts contacts, CurrentUser currentUser) {
    this.contacts = contacts;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/customers")
  Contacts.PageOf<Contacts.CustomerView> customers(
      @RequestParam(name = "page", required = false) Integer page, @RequestParam(name = "page_size", required = false) Integer pageSize) {
    Paging paging = Paging.of(page, pageSize);
    return contacts.customers(currentUser.get(), paging.page(), paging.pageSize());
  }

  @PutMapping("/api/customers/by-external-id/{externalId}")
  @Operation(summary = "Create or update a customer by the CRM's id (managers, admins)")
  Contacts.CustomerView upsertCustomer(@PathVariable String externalId, @Valid @RequestBody Contacts.UpsertCustomer request) {
    return contacts.upsertCustomer(externalId, request, currentUser.get());
  }

  @GetMapping("/api/contacts")
  Contacts.PageOf<Contacts.ContactView> contacts(
      @RequestParam(name = "customer_id", required = false) UUID customerId,
      @RequestParam(name = "page", required = false) Integer page, @RequestParam(name = "page_size", required = false) Integer pageSize) {
    Paging paging = Paging.of(page, pageSize);
    return contacts.contacts(currentUser.get(), customerId, paging.page(), paging.pageSize());
  }

  @GetMapping("/api/contacts/{id}")
  Contacts.ContactView contact(@PathVariable UUID id) {
    return contacts.contact(id, currentUser.get());
  }

  @PutMapping("/api/contacts/by-external-id/{externalId}")
  @Operation(summary = "Create or update a contact by the CRM's id: names, email addresses, phone numbers, customer (managers, admins)")
  Contacts.ContactView upsertContact(@PathVariable String externalId, @Valid @RequestBody Contacts.UpsertContact request) {
    return contacts.upsertContact(externalId, request, currentUser.get());
  }
}
