package com.activityflow.communication;

import com.activityflow.audit.AuditTrail;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.communication.domain.Contact;
import com.activityflow.communication.domain.ContactRepository;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.data.JsonRows;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.platform.web.RuleViolationException;
import com.activityflow.task.ContactTaskData;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contact's rights under the GDPR (seed 001 section 10.3): access (everything stored about the
 * person as one JSON document) and erasure (names, addresses, numbers and the content of its
 * communications anonymised; the rows stay, so statistics keep their counts). Managers and admins
 * of the contact's company only; both are audited. The audit trail itself keeps ids and lengths,
 * never the text (see {@link AuditTrail}), so it needs no erasure.
 */
@Service
@Transactional
public class PersonalData {

  /** Why a contact is erased (e.g. "request by email of 2026-11-20, ticket 4711"); no personal data, please. */
  public record EraseRequest(
      @NotBlank(message = "reason is required") @Size(max = 1000, message = "reason is at most 1000 characters") String reason) {}

  /** Everything stored about a contact, as stored (internal storage keys left out). */
  public record Export(
      Instant exportedAt, Map<String, Object> contact, List<Map<String, Object>> communications, List<Map<String, Object>> threads,
      List<Map<String, Object>> attachments, List<Map<String, Object>> tasks, List<Map<String, Object>> taskComments,
      List<Map<String, Object>> taskChanges, List<AuditTrail.Entry> auditEntries) {}

  /**
   * What an erasure touched: the person's communications (anonymised), other people's
   * communications it was only an addressee of (its addresses removed), their threads,
   * attachments and the tasks naming it.
   */
  public record Erasure(
      UUID contactId, Instant erasedAt, int communications, int addressesRemoved, int threads, int attachments, int tasks) {}

  /**
   * The person's communications: those linked to the contact, and those linked to nobody that
   * carry one of its addresses (sender or addressee) or numbers (logged before the contact was
   * known to the CRM mirror, or by a mailbox that could not link them). Parameters: {@link #personParams}.
   */
  private static final String PERSONS_LOG =
      "(l.contact_id = :contact or (l.contact_id is null and ("
          + "lower(l.from_address) = any(cast(:emails as text[]))"
          + " or exists (select 1 from unnest(l.to_addresses || l.cc_addresses) a where lower(a) = any(cast(:emails as text[])))"
          + " or regexp_replace(l.from_number, '[^0-9]', '', 'g') = any(cast(:numbers as text[]))"
          + " or regexp_replace(l.to_number, '[^0-9]', '', 'g') = any(cast(:numbers as text[])))))";

  private final ContactRepository contacts;
  private final CommunicationLogRepository logs;
  private final CommunicationAccessPolicy policy;
  private final CommunicationAnonymizer anonymizer;
  private final ContactTaskData tasks;
  private final AuditTrail audit;
  private final NamedParameterJdbcTemplate jdbc;
  private final JsonRows rows;
  private final Clock clock;

  PersonalData(ContactRepository contacts, CommunicationLogRepository logs, CommunicationAccessPolicy policy,
      CommunicationAnonymizer anonymizer, ContactTaskData tasks, AuditTrail audit, NamedParameterJdbcTemplate jdbc, ObjectMapper json,
      Clock clock) {
    this.contacts = contacts;
    this.logs = logs;
    this.policy = policy;
    this.anonymizer = anonymizer;
    this.tasks = tasks;
    this.audit = audit;
    this.jdbc = jdbc;
    this.rows = new JsonRows(json, "raw_source_path", "file_path");
    this.clock = clock;
  }

  /** Not read-only: the export itself is audited (who looked at whose data). */
  public Export export(UUID contactId, DirectoryUser user) {
    policy.checkMayManagePersonalData(user);
    Contact contact = load(contactId, user);
    MapSqlParameterSource params = personParams(user.companyId(), contact);
    Map<String, Object> contactRow = jdbc.query("select * from contacts where id = :contact and company_id = :company", params, rows).get(0);
    List<Map<String, Object>> communications = jdbc.query(
        "select l.*, array(select c.category_code from communication_log_categories lc join communication_categories c"
            + " on c.id = lc.category_id where lc.log_id = l.id order by c.category_code) as category_codes"
            + " from communication_logs l where l.company_id = :company and " + PERSONS_LOG + " order by l.start_time, l.id",
        params, rows);
    List<Map<String, Object>> threads = jdbc.query(
        "select * from communication_threads t where t.company_id = :company and t.id in (select l.thread_id from"
            + " communication_logs l where l.company_id = :company and " + PERSONS_LOG + ") order by t.created_at, t.id",
        params, rows);
    List<Map<String, Object>> attachments = jdbc.query(
        "select a.* from communication_attachments a join communication_logs l on l.id = a.communication_log_id"
            + " where l.company_id = :company and " + PERSONS_LOG + " order by a.created_at, a.id",
        params, rows);
    ContactTaskData.Export taskData = tasks.export(user.companyId(), contact.getId());
    List<AuditTrail.Entry> entries = new ArrayList<>(audit.about(user.companyId(), "contact", List.of(contact.getId().toString())));
    entries.addAll(audit.about(user.companyId(), "communication_log", ids(communications)));
    entries.addAll(audit.about(user.companyId(), "task", ids(taskData.tasks())));
    Instant now = clock.instant();
    audit.record(user.companyId(), user.id(), user.username(), "export", "contact", contact.getId().toString(),
        List.of(new AuditTrail.FieldChange("communications", null, Integer.toString(communications.size())),
            new AuditTrail.FieldChange("tasks", null, Integer.toString(taskData.tasks().size()))),
        "GDPR access: personal data export");
    return new Export(now, contactRow, communications, threads, attachments, taskData.tasks(), taskData.comments(),
        taskData.changes(), entries);
  }

  /**
   * Anonymises the contact and everything that describes it: its communications (content,
   * summary, transcript, subject, addresses, numbers, recording link, raw mail and attachment
   * files), the subjects of their threads, and mentions of it in the free text of its tasks.
   * Ids, times, channels, statuses, categories and sentiment stay. Erasing twice is harmless.
   */
  public Erasure erase(UUID contactId, EraseRequest request, DirectoryUser user) {
    policy.checkMayManagePersonalData(user);
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw RuleViolationException.invalid("required", "reason", "reason is required");
    }
    Contact contact = load(contactId, user);
    Instant now = clock.instant();
    Set<String> mentions = mentionsOf(contact);
    MapSqlParameterSource params = personParams(user.companyId(), contact);
    List<UUID> ids = jdbc.queryForList(
        "select l.id from communication_logs l where l.company_id = :company and " + PERSONS_LOG + " order by l.start_time, l.id",
        params, UUID.class);
    List<CommunicationLog> communications = logs.findAllById(ids);
    Set<UUID> threadIds = new LinkedHashSet<>();
    int attachments = 0;
    for (CommunicationLog log : communications) {
      if (log.getThreadId() != null) {
        threadIds.add(log.getThreadId());
      }
      attachments += anonymizer.anonymize(log, user.id(), now);
      audit.record(user.companyId(), user.id(), user.username(), "anonymize", "communication_log", log.getId().toString(), List.of(),
          "GDPR erasure of contact " + contact.getId());
    }
    anonymizer.anonymizeThreads(user.companyId(), threadIds);
    List<UUID> mentioning = removeAddressesFromOthers(params, user, now);
    for (UUID id : mentioning) {
      audit.record(user.companyId(), user.id(), user.username(), "anonymize", "communication_log", id.toString(), List.of(),
          "GDPR erasure of contact " + contact.getId() + ": its addresses removed");
    }
    int taskCount = tasks.eraseMentions(user.companyId(), contact.getId(), mentions);
    contact.anonymize(now);
    contacts.saveAndFlush(contact);
    Erasure erasure =
        new Erasure(contact.getId(), now, communications.size(), mentioning.size(), threadIds.size(), attachments, taskCount);
    audit.record(user.companyId(), user.id(), user.username(), "erase", "contact", contact.getId().toString(),
        List.of(new AuditTrail.FieldChange("communications", null, Integer.toString(erasure.communications())),
            new AuditTrail.FieldChange("addresses_removed", null, Integer.toString(erasure.addressesRemoved())),
            new AuditTrail.FieldChange("threads", null, Integer.toString(erasure.threads())),
            new AuditTrail.FieldChange("attachments", null, Integer.toString(erasure.attachments())),
            new AuditTrail.FieldChange("tasks", null, Integer.toString(erasure.tasks()))),
        request.reason().strip());
    return erasure;
  }

  private static MapSqlParameterSource personParams(UUID companyId, Contact contact) {
    String[] emails = Stream.of(contact.getEmails()).filter(Objects::nonNull).map(e -> e.strip().toLowerCase(Locale.ROOT))
        .filter(e -> !e.isEmpty()).distinct().toArray(String[]::new);
    // digits only, as numbers are written in many ways; short ones (extensions) would match strangers
    String[] numbers = Stream.of(contact.getPhones()).filter(Objects::nonNull).map(n -> n.replaceAll("[^0-9]", ""))
        .filter(n -> n.length() >= 6).distinct().toArray(String[]::new);
    return new MapSqlParameterSource("company", companyId).addValue("contact", contact.getId()).addValue("emails", emails)
        .addValue("numbers", numbers);
  }

  /**
   * Communications of other people that name the contact only as sender or addressee keep their
   * content (it is not the contact's) but lose the contact's addresses. Numbers stay: a number
   * on another person's call is often a shared line.
   */
  private List<UUID> removeAddressesFromOthers(MapSqlParameterSource params, DirectoryUser user, Instant now) {
    return jdbc.queryForList(
        "update communication_logs l set"
            + " from_address = case when lower(l.from_address) = any(cast(:emails as text[])) then null else l.from_address end,"
            + " to_addresses = array(select a from unnest(l.to_addresses) a where lower(a) <> all(cast(:emails as text[]))),"
            + " cc_addresses = array(select a from unnest(l.cc_addresses) a where lower(a) <> all(cast(:emails as text[]))),"
            + " version = l.version + 1, updated_at = :now, updated_by_user_id = :actor"
            + " where l.company_id = :company and not coalesce(" + PERSONS_LOG + ", false)"
            + " and (lower(l.from_address) = any(cast(:emails as text[]))"
            + " or exists (select 1 from unnest(l.to_addresses || l.cc_addresses) a where lower(a) = any(cast(:emails as text[]))))"
            + " returning l.id",
        new MapSqlParameterSource(params.getValues()).addValue("now", Timestamp.from(now)).addValue("actor", user.id()),
        UUID.class);
  }

  private Contact load(UUID contactId, DirectoryUser user) {
    return contacts.findByIdAndCompanyId(contactId, user.companyId()).orElseThrow(() -> NotFoundException.forId("Contact", contactId));
  }

  /** The words by which free text names the person: its names, addresses and numbers. */
  private static Set<String> mentionsOf(Contact contact) {
    Set<String> mentions = new LinkedHashSet<>();
    String first = contact.getFirstName();
    String last = contact.getLastName();
    if (first != null && last != null) {
      mentions.add(first + " " + last);
    }
    mentions.add(first);
    mentions.add(last);
    mentions.addAll(List.of(contact.getEmails()));
    for (String phone : contact.getPhones()) {
      mentions.add(phone);
      mentions.add(phone.replace("+", ""));
    }
    mentions.removeIf(Objects::isNull);
    return mentions;
  }

  private static List<String> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("id").toString()).toList();
  }
}
