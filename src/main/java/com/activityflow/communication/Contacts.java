package com.activityflow.communication;

import com.activityflow.audit.AuditTrail;
import com.activityflow.communication.domain.Contact;
import com.activityflow.communication.domain.ContactRepository;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.domain.Customer;
import com.activityflow.directory.domain.CustomerRepository;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers and contacts as the CRM's mirror: the CRM upserts them by its own ids, and mails and
 * calls are linked to them by address and phone number.
 */
@Service
@Transactional
public class Contacts {

  public static final List<String> TIERS = List.of("standard", "silver", "gold", "platinum");

  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

  public record UpsertCustomer(
      @NotBlank(message = "name is required") @Size(max = 200, message = "name is at most 200 characters") String name,
      @Pattern(regexp = "standard|silver|gold|platinum", message = "tier must be one of standard, silver, gold, platinum") String tier) {}

  public record UpsertContact(
      @Size(max = 100, message = "customer_external_id is at most 100 characters") String customerExternalId,
      UUID customerId,
      @Size(max = 100, message = "first_name is at most 100 characters") String firstName,
      @Size(max = 100, message = "last_name is at most 100 characters") String lastName,
      @Size(max = 100, message = "job_title is at most 100 characters") String jobTitle,
      @Size(max = 20, message = "emails has at most 20 entries") List<@Size(max = 320, message = "an email address is at most 320 characters") String> emails,
      @Size(max = 20, message = "phones has at most 20 entries") List<@Size(max = 40, message = "a phone number is at most 40 characters") String> phones) {}

  public record CustomerView(UUID id, String externalId, String name, String tier, long version, Instant createdAt, Instant updatedAt) {
    static CustomerView of(Customer c) {
      return new CustomerView(c.getId(), c.getExternalId(), c.getName(), c.getTier(), c.getVersion(), c.getCreatedAt(), c.getUpdatedAt());
    }
  }

  public record ContactView(
      UUID id, UUID customerId, String externalId, String firstName, String lastName, String jobTitle, List<String> emails,
      List<String> phones, String source, long version, Instant createdAt, Instant updatedAt, Instant anonymizedAt) {
    static ContactView of(Contact c) {
      return new ContactView(c.getId(), c.getCustomerId(), c.getExternalId(), c.getFirstName(), c.getLastName(), c.getJobTitle(),
          List.of(c.getEmails()), List.of(c.getPhones()), c.getSource(), c.getVersion(), c.getCreatedAt(), c.getUpdatedAt(),
          c.getAnonymizedAt());
    }
  }

  public record PageOf<T>(List<T> items, int page, int pageSize, long totalCount, int totalPages) {
    static <S, T> PageOf<T> of(Page<S> page, java.util.function.Function<S, T> map) {
      return new PageOf<>(page.getContent().stream().map(map).toList(), page.getNumber() + 1, page.getSize(),
          page.getTotalElements(), page.getTotalPages());
    }
  }

  private final ContactRepository contacts;
  private final CustomerRepository customers;
  private final CommunicationAccessPolicy policy;
  private final AuditTrail audit;
  private final Clock clock;

  Contacts(ContactRepository contacts, CustomerRepository customers, CommunicationAccessPolicy policy, AuditTrail audit, Clock clock) {
    this.contacts = contacts;
    this.customers = customers;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
  }

  public CustomerView upsertCustomer(String externalId, UpsertCustomer request, DirectoryUser user) {
    policy.checkMayConfigure(user);
    checkExternalId(externalId);
    Instant now = clock.instant();
    String tier = request.tier() == null ? "standard" : request.tier();
    Optional<Customer> existing = customers.findByCompanyIdAndExternalId(user.companyId(), externalId);
    Customer customer = existing.orElseGet(() -> new Customer(UUID.randomUUID(), user.companyId(), externalId, request.name(), tier, now));
    customer.update(request.name(), tier, now);
    customer = customers.saveAndFlush(customer);
    audit.record(user.companyId(), user.id(), user.username(), existing.isPresent() ? "update" : "create", "customer",
        customer.getId().toString(), List.of(new AuditTrail.FieldChange("tier", null, tier)), "CRM sync");
    return CustomerView.of(customer);
  }

  @Transactional(readOnly = true)
  public PageOf<CustomerView> customers(DirectoryUser user, int page, int pageSize) {
    policy.checkMayRead(user);
    return PageOf.of(customers.findByCompanyId(user.companyId(), PageRequest.of(page - 1, pageSize, Sort.by("name", "id"))), CustomerView::of);
  }

  public ContactView upsertContact(String externalId, UpsertContact request, DirectoryUser user) {
    policy.checkMayConfigure(user);
    checkExternalId(externalId);
    UUID customerId = customerOf(request, user.companyId());
    String[] emails = normalizedEmails(request.emails());
    String[] phones = normalizedPhones(request.phones());
    Instant now = clock.instant();
    Optional<Contact> existing = contacts.findByCompanyIdAndExternalId(user.companyId(), externalId);
    Contact contact = existing.orElseGet(() -> new Contact(UUID.randomUUID(), user.companyId(), externalId, "api", now));
    contact.update(customerId, blankToNull(request.firstName()), blankToNull(request.lastName()), blankToNull(request.jobTitle()),
        emails, phones, now);
    contact = contacts.saveAndFlush(contact);
    audit.record(user.companyId(), user.id(), user.username(), existing.isPresent() ? "update" : "create", "contact",
        contact.getId().toString(), List.of(), "CRM sync");
    return ContactView.of(contact);
  }

  @Transactional(readOnly = true)
  public PageOf<ContactView> contacts(DirectoryUser user, UUID customerId, int page, int pageSize) {
    policy.checkMayRead(user);
    PageRequest request = PageRequest.of(page - 1, pageSize, Sort.by("lastName", "firstName", "id"));
    Page<Contact> result = customerId == null
        ? contacts.findByCompanyId(user.companyId(), request)
        : contacts.findByCompanyIdAndCustomerId(user.companyId(), customerId, request);
    return PageOf.of(result, ContactView::of);
  }

  @Transactional(readOnly = true)
  public ContactView contact(UUID id, DirectoryUser user) {
    policy.checkMayRead(user);
    return ContactView.of(load(id, user.companyId()));
  }

  Contact load(UUID id, UUID companyId) {
    return contacts.findByIdAndCompanyId(id, companyId).orElseThrow(() -> NotFoundException.forId("Contact", id));
  }

  /** The contact with this address in the company (the oldest when several share it). */
  @Transactional(readOnly = true)
  public Optional<Contact> byEmail(UUID companyId, String address) {
    String normalized = normalizeEmail(address);
    return normalized == null ? Optional.empty() : contacts.findByEmail(companyId, normalized).stream().findFirst();
  }

  /** The contact with this phone number in the company. */
  @Transactional(readOnly = true)
  public Optional<Contact> byPhone(UUID companyId, String number) {
    String normalized = normalizePhone(number);
    return normalized == null ? Optional.empty() : contacts.findByPhone(companyId, normalized).stream().findFirst();
  }

  /**
   * The contact for a sender the CRM does not know yet (a mail from a new address): created
   * without a customer, so that the CRM can link it later and its history stays together.
   */
  public Contact unknownSender(UUID companyId, String address, String personalName) {
    return byEmail(companyId, address).orElseGet(() -> {
      Contact contact = new Contact(UUID.randomUUID(), companyId, null, "email", clock.instant());
      String first = null;
      String last = null;
      if (personalName != null && !personalName.isBlank()) {
        String name = personalName.strip();
        int space = name.lastIndexOf(' ');
        first = space > 0 ? name.substring(0, space) : name;
        last = space > 0 ? name.substring(space + 1) : null;
      }
      contact.update(null, truncate(first, 100), truncate(last, 100), null, new String[] {normalizeEmail(address)}, new String[0],
          clock.instant());
      return contacts.saveAndFlush(contact);
    });
  }

  /** Lower case, trimmed; null when it is not an address. */
  public static String normalizeEmail(String address) {
    if (address == null) {
      return null;
    }
    String value = address.strip().toLowerCase(Locale.ROOT);
    return EMAIL.matcher(value).matches() && value.length() <= 320 ? value : null;
  }

  /** Digits with a leading + kept; null when fewer than 5 digits. */
  public static String normalizePhone(String number) {
    if (number == null) {
      return null;
    }
    String digits = number.replaceAll("[^0-9]", "");
    if (digits.length() < 5 || digits.length() > 20) {
      return null;
    }
    return number.strip().startsWith("+") ? "+" + digits : digits;
  }

  private UUID customerOf(UpsertContact request, UUID companyId) {
    if (request.customerId() != null) {
      return customers.findByIdAndCompanyId(request.customerId(), companyId)
          .orElseThrow(() -> RuleViolationException.invalid("unknown_customer", "customer_id", "No such customer"))
          .getId();
    }
    if (request.customerExternalId() != null && !request.customerExternalId().isBlank()) {
      return customers.findByCompanyIdAndExternalId(companyId, request.customerExternalId())
          .orElseThrow(() -> RuleViolationException.invalid("unknown_customer", "customer_external_id",
              "No customer with external id " + request.customerExternalId() + "; upsert it first"))
          .getId();
    }
    return null;
  }

  private static String[] normalizedEmails(List<String> values) {
    Set<String> result = new LinkedHashSet<>();
    List<String> given = values == null ? List.of() : values;
    for (int i = 0; i < given.size(); i++) {
      String normalized = normalizeEmail(given.get(i));
      if (normalized == null) {
        throw RuleViolationException.invalid("invalid_email", "emails[" + i + "]", "Not an email address");
      }
      result.add(normalized);
    }
    return result.toArray(String[]::new);
  }

  private static String[] normalizedPhones(List<String> values) {
    List<String> result = new ArrayList<>();
    List<String> given = values == null ? List.of() : values;
    for (int i = 0; i < given.size(); i++) {
      String normalized = normalizePhone(given.get(i));
      if (normalized == null) {
        throw RuleViolationException.invalid("invalid_phone", "phones[" + i + "]", "A phone number has 5 to 20 digits");
      }
      if (!result.contains(normalized)) {
        result.add(normalized);
      }
    }
    return result.toArray(String[]::new);
  }

  private static void checkExternalId(String externalId) {
    if (externalId == null || externalId.isBlank() || externalId.length() > 100 || externalId.chars().anyMatch(Character::isISOControl)) {
      throw RuleViolationException.invalid("invalid_external_id", "external_id", "external_id is 1 to 100 printable characters");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
