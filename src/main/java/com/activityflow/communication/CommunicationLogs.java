package com.activityflow.communication;

import com.activityflow.audit.AuditTrail;
import com.activityflow.communication.CommunicationRequests.AssignLog;
import com.activityflow.communication.CommunicationRequests.CreateLog;
import com.activityflow.communication.CommunicationRequests.UpdateLog;
import com.activityflow.communication.domain.ChannelConfiguration;
import com.activityflow.communication.domain.CommunicationCategory;
import com.activityflow.communication.domain.CommunicationCategoryRepository;
import com.activityflow.communication.domain.CommunicationLog;
import com.activityflow.communication.domain.CommunicationLogRepository;
import com.activityflow.communication.domain.CommunicationThread;
import com.activityflow.communication.domain.CommunicationThreadRepository;
import com.activityflow.communication.domain.Contact;
import com.activityflow.communication.domain.ContactRepository;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.directory.Availability;
import com.activityflow.directory.Role;
import com.activityflow.notification.InAppNotifications;
import com.activityflow.notification.NotificationService;
import com.activityflow.notification.NotificationType;
import com.activityflow.platform.web.RuleViolationException;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Communication logs: creation with the rules of seed 001 sections 5.4 to 6.3, change tracking,
 * assignment within capacity, deletion guarded by active follow-ups, and capture of mails and
 * calls that arrive without a user. Every change is audited and published as a
 * {@link CommunicationEvent} inside its transaction.
 */
@Service
@Transactional
public class CommunicationLogs {

  /** List filters of {@code GET /api/communication-logs}. */
  public record Filter(
      String communicationType, String channel, String direction, String status, String priority, UUID customerId, UUID contactId,
      UUID assignedToUserId, UUID categoryId, UUID threadId, Boolean requiresFollowUp, Instant startFrom, Instant startTo, int page,
      int pageSize) {}

  /** What the detail view adds. */
  public record Includes(boolean attachments, boolean followUp, boolean transcript, boolean thread) {
    public static final Includes NONE = new Includes(false, false, false, false);
  }

  /** A mail or call that arrived without a user (mailbox, telephony webhook). */
  public record Capture(
      String communicationType, ChannelConfiguration channel, String direction, String subject, Instant startTime, Instant endTime,
      String content, UUID customerId, UUID contactId, UUID threadId, String messageId, String inReplyTo, String references,
      String fromAddress, List<String> toAddresses, List<String> ccAddresses, boolean malformed, String parseError,
      String rawSourcePath, String externalCallId, String fromNumber, String toNumber, String disposition, String recordingUrl) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final CommunicationLogRepository logs;
  private final CommunicationThreadRepository threads;
  private final CommunicationCategoryRepository categories;
  private final ContactRepository contacts;
  private final CommunicationAccessPolicy policy;
  private final ChannelCatalog channels;
  private final CommunicationAttachments attachments;
  private final DirectoryService directory;
  private final NotificationService notifications;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final CallDispositions dispositions;
  private final Clock clock;

  CommunicationLogs(CommunicationLogRepository logs, CommunicationThreadRepository threads, CommunicationCategoryRepository categories,
      ContactRepository contacts, CommunicationAccessPolicy policy, ChannelCatalog channels, CommunicationAttachments attachments,
      DirectoryService directory, NotificationService notifications, AuditTrail audit, ApplicationEventPublisher events,
      CallDispositions dispositions, Clock clock) {
    this.dispositions = dispositions;
    this.logs = logs;
    this.threads = threads;
    this.categories = categories;
    this.contacts = contacts;
    this.policy = policy;
    this.channels = channels;
    this.attachments = attachments;
    this.directory = directory;
    this.notifications = notifications;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  public CommunicationView create(CreateLog request, DirectoryUser user) {
    policy.checkMayRead(user);
    CommunicationCodes.check("communication_type", request.communicationType(), CommunicationCodes.TYPES);
    CommunicationCodes.check("direction", request.direction(), CommunicationCodes.DIRECTIONS);
    CommunicationCodes.check("priority", request.priority(), CommunicationCodes.PRIORITIES);
    CommunicationCodes.check("status", request.status(), CommunicationCodes.STATUSES);
    CommunicationCodes.check("sentiment", request.sentiment(), CommunicationCodes.SENTIMENTS);
    ChannelConfiguration channel = channels.activeChannel(user.companyId(), request.channel());
    checkContent(request.content(), channel);
    checkTimes(request.startTime(), request.endTime());
    Instant now = clock.instant();
    CommunicationLog log = new CommunicationLog(UUID.randomUUID(), user.companyId(), user.id(), now);
    log.setCommunicationType(request.communicationType());
    log.setChannel(channel.getChannelCode(), channel.getId());
    log.setDirection(request.direction());
    log.setSubject(request.subject().strip());
    log.setTimes(request.startTime(), request.endTime());
    log.setContent(request.content());
    log.setSummary(request.summary());
    log.setTranscription(request.transcription());
    if (request.priority() != null) {
      log.setPriority(request.priority());
    }
    if (request.status() != null) {
      log.setStatus(request.status());
    }
    log.setInternal(Boolean.TRUE.equals(request.isInternal()));
    linkCustomer(log, request.customerId(), request.contactId(), user.companyId());
    if (request.sentiment() != null || request.sentimentScore() != null) {
      log.setSentiment(request.sentiment(), scale(request.sentimentScore()));
    }
    if (request.keyTopics() != null) {
      log.setKeyTopics(request.keyTopics());
    }
    if ("email".equals(request.communicationType())) {
      setEmailAddresses(log, request.fromAddress(), request.toAddresses(), request.ccAddresses());
    }
    log.setCall(null, request.fromNumber(), request.toNumber());
    log.setDisposition(dispositions.check("disposition", request.disposition()));
    log.setRecordingUrl(checkUrl(request.recordingUrl()));
    setCategories(log, request.categoryIds(), user.companyId());
    setFollowUp(log, Boolean.TRUE.equals(request.requiresFollowUp()), request.followUpAssignedTo(), request.followUpDate(), user);
    attachToThread(log, request.threadId(), user.companyId(), now);
    if (request.assignedToUserId() != null) {
      DirectoryUser assignee = assignee(request.assignedToUserId(), user.companyId(), log.getId());
      policy.checkMayAssignTo(user, assignee);
      log.setAssignedToUserId(assignee.id());
    }
    logs.saveAndFlush(log);
    audit.record(user.companyId(), user.id(), user.username(), "create", "communication_log", log.getId().toString(),
        List.of(new AuditTrail.FieldChange("subject", null, log.getSubject())), null);
    publish(CommunicationEvent.CREATED, log, user.id(), Map.of("channel", log.getChannel(), "direction", log.getDirection()));
    if (log.getAssignedToUserId() != null) {
      assigned(log, null, user.id(), true);
    }
    return view(log, Includes.NONE);
  }

  /** Stores a mail or call that arrived without a user; the rules of manual logging do not drop it. */
  public CommunicationLog capture(Capture c) {
    Instant now = clock.instant();
    CommunicationLog log = new CommunicationLog(UUID.randomUUID(), c.channel().getCompanyId(), null, now);
    log.setCommunicationType(c.communicationType());
    log.setChannel(c.channel().getChannelCode(), c.channel().getId());
    log.setDirection(c.direction());
    String subject = c.subject() == null || c.subject().isBlank() ? "(no subject)" : c.subject().strip();
    log.setSubject(subject.length() > 200 ? subject.substring(0, 200) : subject);
    Instant start = c.startTime() == null ? now : c.startTime();
    log.setTimes(start, c.endTime() != null && !c.endTime().isBefore(start) ? c.endTime() : null);
    log.setContent(c.content() == null ? "" : c.content());
    log.setCustomerId(c.customerId());
    log.setContactId(c.contactId());
    log.setMessageHeaders(c.messageId(), c.inReplyTo(), c.references());
    log.setAddresses(c.fromAddress(), c.toAddresses() == null ? null : c.toAddresses().toArray(String[]::new),
        c.ccAddresses() == null ? null : c.ccAddresses().toArray(String[]::new));
    log.setRawSource(c.rawSourcePath(), c.malformed(), c.parseError());
    log.setCall(c.externalCallId(), c.fromNumber(), c.toNumber());
    log.setDisposition(c.disposition());
    log.setRecordingUrl(c.recordingUrl());
    if (c.threadId() != null) {
      CommunicationThread thread = threads.findByIdAndCompanyId(c.threadId(), log.getCompanyId())
          .orElseThrow(() -> new IllegalArgumentException("Thread " + c.threadId() + " is not in the log's company"));
      thread.touched(start);
      thread.linkCustomer(c.customerId());
      log.setThreadId(thread.getId());
    } else {
      log.setThreadId(newThread(log.getCompanyId(), c.customerId(), log.getSubject(), now).getId());
    }
    logs.saveAndFlush(log);
    audit.record(log.getCompanyId(), null, c.channel().getChannelCode(), "create", "communication_log", log.getId().toString(),
        List.of(new AuditTrail.FieldChange("subject", null, log.getSubject())), "captured from channel " + c.channel().getChannelCode());
    publish(CommunicationEvent.CREATED, log, null, Map.of("channel", log.getChannel(), "direction", log.getDirection()));
    return log;
  }

  /** A new conversation with its subject token (e.g. {@code AF-7K3Q9X}). */
  public CommunicationThread newThread(UUID companyId, UUID customerId, String subject, Instant now) {
    StringBuilder token = new StringBuilder("AF-");
    for (int i = 0; i < 8; i++) {
      token.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
    }
    return threads.saveAndFlush(new CommunicationThread(UUID.randomUUID(), companyId, customerId, subject, token.toString(), now));
  }

  @Transactional(readOnly = true)
  public CommunicationView get(UUID id, Includes includes, DirectoryUser user) {
    return view(policy.load(id, user), includes);
  }

  @Transactional(readOnly = true)
  public Contacts.PageOf<CommunicationView> list(Filter filter, DirectoryUser user) {
    policy.checkMayRead(user);
    CommunicationCodes.check("communication_type", filter.communicationType(), CommunicationCodes.TYPES);
    CommunicationCodes.check("direction", filter.direction(), CommunicationCodes.DIRECTIONS);
    CommunicationCodes.check("status", filter.status(), CommunicationCodes.STATUSES);
    CommunicationCodes.check("priority", filter.priority(), CommunicationCodes.PRIORITIES);
    if (filter.startFrom() != null && filter.startTo() != null && filter.startTo().isBefore(filter.startFrom())) {
      throw RuleViolationException.invalid("invalid_range", "start_to", "start_to is before start_from");
    }
    Specification<CommunicationLog> spec = policy.visibleTo(user).and(filtered(filter));
    Page<CommunicationLog> page = logs.findAll(spec,
        PageRequest.of(filter.page() - 1, filter.pageSize(), Sort.by(Sort.Order.desc("startTime"), Sort.Order.asc("id"))));
    Lookups lookups = new Lookups();
    return Contacts.PageOf.of(page, l -> view(l, Includes.NONE, lookups));
  }

  private static Specification<CommunicationLog> filtered(Filter f) {
    return (root, query, cb) -> {
      List<Predicate> all = new ArrayList<>();
      Map<String, Object> equals = new LinkedHashMap<>();
      equals.put("communicationType", f.communicationType());
      equals.put("channel", f.channel());
      equals.put("direction", f.direction());
      equals.put("status", f.status());
      equals.put("priority", f.priority());
      equals.put("customerId", f.customerId());
      equals.put("contactId", f.contactId());
      equals.put("assignedToUserId", f.assignedToUserId());
      equals.put("threadId", f.threadId());
      equals.put("requiresFollowUp", f.requiresFollowUp());
      equals.forEach((field, value) -> {
        if (value != null) {
          all.add(cb.equal(root.get(field), value));
        }
      });
      if (f.categoryId() != null) {
        all.add(cb.isMember(f.categoryId(), root.<Set<UUID>>get("categoryIds")));
      }
      if (f.startFrom() != null) {
        all.add(cb.greaterThanOrEqualTo(root.get("startTime"), f.startFrom()));
      }
      if (f.startTo() != null) {
        all.add(cb.lessThanOrEqualTo(root.get("startTime"), f.startTo()));
      }
      return cb.and(all.toArray(Predicate[]::new));
    };
  }

  public CommunicationView update(UUID id, UpdateLog request, DirectoryUser user) {
    CommunicationLog log = policy.loadForChange(id, user);
    if (request.version() != log.getVersion()) {
      throw RuleViolationException.conflict("version_conflict", "version",
          "The communication was changed by someone else (version " + log.getVersion() + "); reload it");
    }
    CommunicationCodes.check("priority", request.priority(), CommunicationCodes.PRIORITIES);
    CommunicationCodes.check("status", request.status(), CommunicationCodes.STATUSES);
    CommunicationCodes.check("sentiment", request.sentiment(), CommunicationCodes.SENTIMENTS);
    CommunicationCodes.check("follow_up_status", request.followUpStatus(), CommunicationCodes.FOLLOW_UP_STATUSES);
    Map<String, String> before = snapshot(log);
    String oldStatus = log.getStatus();
    boolean hadTranscription = log.getTranscription() != null && !log.getTranscription().isBlank();
    if (request.subject() != null) {
      if (request.subject().isBlank()) {
        throw RuleViolationException.invalid("required", "subject", "subject cannot be empty");
      }
      log.setSubject(request.subject().strip());
    }
    if (request.content() != null) {
      checkContent(request.content(), channels.activeChannel(log.getCompanyId(), log.getChannel()));
      log.setContent(request.content());
    }
    if (request.summary() != null) {
      log.setSummary(request.summary());
    }
    if (request.transcription() != null) {
      log.setTranscription(request.transcription());
    }
    if (request.priority() != null) {
      log.setPriority(request.priority());
    }
    if (request.status() != null) {
      CommunicationCodes.checkTransition(log.getStatus(), request.status());
      log.setStatus(request.status());
    }
    if (request.isInternal() != null) {
      log.setInternal(request.isInternal());
    }
    if (request.startTime() != null || request.endTime() != null) {
      Instant start = request.startTime() != null ? request.startTime() : log.getStartTime();
      Instant end = request.endTime() != null ? request.endTime() : log.getEndTime();
      checkTimes(start, end);
      log.setTimes(start, end);
    }
    if (request.customerId() != null || request.contactId() != null) {
      linkCustomer(log, request.customerId() != null ? request.customerId() : log.getCustomerId(),
          request.contactId() != null ? request.contactId() : log.getContactId(), log.getCompanyId());
    }
    if (request.sentiment() != null || request.sentimentScore() != null) {
      log.setSentiment(request.sentiment() != null ? request.sentiment() : log.getSentiment(),
          request.sentimentScore() != null ? scale(request.sentimentScore()) : log.getSentimentScore());
    }
    if (request.keyTopics() != null) {
      log.setKeyTopics(request.keyTopics());
    }
    if (request.categoryIds() != null) {
      setCategories(log, request.categoryIds(), log.getCompanyId());
    }
    if (request.disposition() != null) {
      log.setDisposition(dispositions.check("disposition", request.disposition()));
    }
    if (request.recordingUrl() != null) {
      log.setRecordingUrl(checkUrl(request.recordingUrl()));
    }
    if (request.requiresFollowUp() != null || request.followUpAssignedTo() != null || request.followUpDate() != null) {
      setFollowUp(log, request.requiresFollowUp() != null ? request.requiresFollowUp() : log.isRequiresFollowUp(),
          request.followUpAssignedTo() != null ? request.followUpAssignedTo() : log.getFollowUpAssignedTo(),
          request.followUpDate() != null ? request.followUpDate() : log.getFollowUpDate(), user);
    }
    if (request.followUpStatus() != null) {
      log.setFollowUpStatus(request.followUpStatus());
    }
    log.touch(user.id(), clock.instant());
    try {
      logs.saveAndFlush(log);
    } catch (ObjectOptimisticLockingFailureException e) {
      throw RuleViolationException.conflict("version_conflict", "version", "The communication was changed by someone else; reload it");
    }
    List<AuditTrail.FieldChange> changes = AuditTrail.diff(before, snapshot(log));
    audit.record(user.companyId(), user.id(), user.username(), "update", "communication_log", log.getId().toString(), changes, null);
    if (!oldStatus.equals(log.getStatus())) {
      publish(CommunicationEvent.STATUS_CHANGED, log, user.id(), Map.of("old_status", oldStatus, "new_status", log.getStatus()));
    }
    if (!hadTranscription && log.getTranscription() != null && !log.getTranscription().isBlank()) {
      publish(CommunicationEvent.TRANSCRIPTION_COMPLETED, log, user.id(), Map.of("length", log.getTranscription().length()));
    }
    return view(log, Includes.NONE);
  }

  public CommunicationView assign(UUID id, AssignLog request, DirectoryUser user) {
    CommunicationLog log = policy.loadForChange(id, user);
    UUID previous = log.getAssignedToUserId();
    if (request.assignedToUserId() == null) {
      log.setAssignedToUserId(null);
    } else {
      DirectoryUser assignee = assignee(request.assignedToUserId(), user.companyId(), log.getId());
      policy.checkMayAssignTo(user, assignee);
      log.setAssignedToUserId(assignee.id());
    }
    if (Objects.equals(previous, log.getAssignedToUserId())) {
      return view(log, Includes.NONE);
    }
    log.touch(user.id(), clock.instant());
    logs.saveAndFlush(log);
    assigned(log, previous, user.id(), request.notifyAssignee() == null || request.notifyAssignee());
    return view(log, Includes.NONE);
  }

  private void assigned(CommunicationLog log, UUID previous, UUID actorId, boolean notify) {
    audit.record(log.getCompanyId(), actorId, null, "assign", "communication_log", log.getId().toString(),
        List.of(new AuditTrail.FieldChange("assigned_to_user_id", Objects.toString(previous, null),
            Objects.toString(log.getAssignedToUserId(), null))), null);
    Map<String, Object> data = new HashMap<>();
    data.put("assigned_to_user_id", log.getAssignedToUserId());
    data.put("previous_user_id", previous);
    publish(CommunicationEvent.ASSIGNED, log, actorId, data);
    if (notify && log.getAssignedToUserId() != null && !log.getAssignedToUserId().equals(actorId)) {
      notifications.queue(NotificationType.COMMUNICATION_ASSIGNED, log.getId(), log.getAssignedToUserId());
    }
  }

  public void delete(UUID id, DirectoryUser user) {
    policy.checkMayDelete(user);
    CommunicationLog log = policy.load(id, user);
    if (log.getFollowUpStatus() != null && CommunicationCodes.ACTIVE_FOLLOW_UP.contains(log.getFollowUpStatus())) {
      throw RuleViolationException.conflict("follow_up_active", "follow_up_status",
          "The communication has an active follow-up (" + log.getFollowUpStatus() + "); finish or cancel it first");
    }
    log.setDeleted(true);
    log.touch(user.id(), clock.instant());
    logs.saveAndFlush(log);
    attachments.softDeleteOf(log.getId());
    audit.record(user.companyId(), user.id(), user.username(), "delete", "communication_log", log.getId().toString(), List.of(), null);
  }

  /**
   * A transcript delivered later (telephony webhook or API): stored, and
   * {@code communication.transcription_completed} raised.
   */
  public CommunicationLog completeTranscription(CommunicationLog log, String transcription, UUID actorId) {
    boolean first = log.getTranscription() == null || log.getTranscription().isBlank();
    log.setTranscription(transcription);
    log.touch(actorId, clock.instant());
    logs.saveAndFlush(log);
    audit.record(log.getCompanyId(), actorId, null, "update", "communication_log", log.getId().toString(),
        List.of(new AuditTrail.FieldChange("transcription", first ? null : "(previous transcript)", "(" + transcription.length() + " characters)")),
        "transcript delivered");
    publish(CommunicationEvent.TRANSCRIPTION_COMPLETED, log, actorId, Map.of("length", transcription.length()));
    return log;
  }

  /** Publishes an event for a change made by a process or capture (status, follow-up). */
  public void publish(String type, CommunicationLog log, UUID actorId, Map<String, Object> data) {
    events.publishEvent(new CommunicationEvent(type, log.getId(), log.getCompanyId(), actorId, clock.instant(), data));
  }

  // rules

  private static void checkContent(String content, ChannelConfiguration channel) {
    int minimum = CommunicationCodes.minimumContentLength(channel.getChannelType());
    if (content == null || content.strip().length() < minimum) {
      throw RuleViolationException.invalid("content_too_short", "content",
          "Communication content must be at least " + minimum + " characters long");
    }
  }

  private static void checkTimes(Instant start, Instant end) {
    if (end != null && start != null && end.isBefore(start)) {
      throw RuleViolationException.invalid("end_before_start", "end_time", "End time must be after start time");
    }
  }

  private void linkCustomer(CommunicationLog log, UUID customerId, UUID contactId, UUID companyId) {
    UUID customer = customerId;
    if (customer != null && directory.customerName(companyId, customer) == null) {
      throw RuleViolationException.invalid("unknown_customer", "customer_id", "No such customer");
    }
    if (contactId != null) {
      Contact contact = contacts.findByIdAndCompanyId(contactId, companyId)
          .orElseThrow(() -> RuleViolationException.invalid("unknown_contact", "contact_id", "No such contact"));
      if (customer == null) {
        customer = contact.getCustomerId();
      } else if (contact.getCustomerId() != null && !contact.getCustomerId().equals(customer)) {
        throw RuleViolationException.invalid("contact_of_other_customer", "contact_id", "The contact belongs to another customer");
      }
    }
    log.setCustomerId(customer);
    log.setContactId(contactId);
  }

  private static void setEmailAddresses(CommunicationLog log, String from, List<String> to, List<String> cc) {
    String sender = Contacts.normalizeEmail(from);
    if (sender == null) {
      throw RuleViolationException.invalid("invalid_email", "from_address", "An email log needs a valid sender address");
    }
    if (to == null || to.isEmpty()) {
      throw RuleViolationException.invalid("invalid_email", "to_addresses", "An email log needs at least one recipient address");
    }
    log.setAddresses(sender, addresses("to_addresses", to), addresses("cc_addresses", cc));
  }

  private static String[] addresses(String field, List<String> values) {
    if (values == null) {
      return new String[0];
    }
    String[] result = new String[values.size()];
    for (int i = 0; i < values.size(); i++) {
      result[i] = Contacts.normalizeEmail(values.get(i));
      if (result[i] == null) {
        throw RuleViolationException.invalid("invalid_email", field + "[" + i + "]", "Not an email address");
      }
    }
    return result;
  }

  private void setCategories(CommunicationLog log, Set<UUID> ids, UUID companyId) {
    if (ids == null) {
      return;
    }
    for (UUID id : ids) {
      CommunicationCategory category = categories.findByIdAndCompanyId(id, companyId)
          .orElseThrow(() -> RuleViolationException.invalid("unknown_category", "category_ids", "No such category " + id));
      if (!category.isActive()) {
        throw RuleViolationException.invalid("inactive_category", "category_ids", "Category " + category.getCategoryCode() + " is not active");
      }
    }
    log.getCategoryIds().clear();
    log.getCategoryIds().addAll(ids);
  }

  /** Adds a category (triage); unknown or inactive ones are ignored. */
  public void addCategory(CommunicationLog log, UUID categoryId) {
    log.getCategoryIds().add(categoryId);
  }

  private void setFollowUp(CommunicationLog log, boolean required, UUID assignedTo, Instant date, DirectoryUser user) {
    if (assignedTo != null) {
      DirectoryUser assignee = assignee(assignedTo, log.getCompanyId(), null);
      policy.checkMayAssignTo(user, assignee);
    }
    if (date != null && date.isBefore(log.getStartTime() == null ? clock.instant() : log.getStartTime())) {
      throw RuleViolationException.invalid("follow_up_before_start", "follow_up_date", "The follow-up date is before the communication");
    }
    log.setRequiresFollowUp(required);
    log.setFollowUpAssignedTo(assignedTo);
    log.setFollowUpDate(date);
    if (required && log.getFollowUpStatus() == null) {
      log.setFollowUpStatus("pending");
    }
  }

  private void attachToThread(CommunicationLog log, UUID threadId, UUID companyId, Instant now) {
    if (threadId == null) {
      log.setThreadId(newThread(companyId, log.getCustomerId(), log.getSubject(), now).getId());
      return;
    }
    CommunicationThread thread = threads.findByIdAndCompanyId(threadId, companyId)
        .orElseThrow(() -> RuleViolationException.invalid("unknown_thread", "thread_id", "No such thread"));
    if (thread.getCustomerId() != null && log.getCustomerId() != null && !thread.getCustomerId().equals(log.getCustomerId())) {
      throw RuleViolationException.invalid("thread_of_other_customer", "thread_id", "The thread belongs to another customer");
    }
    thread.touched(log.getStartTime());
    log.setThreadId(thread.getId());
  }

  /** Seed 001 section 5.4/6.3: an active user of the company who logs communications, within capacity. */
  private DirectoryUser assignee(UUID userId, UUID companyId, UUID logId) {
    DirectoryUser assignee = directory.findUser(userId)
        .filter(u -> u.companyId().equals(companyId))
        .orElseThrow(() -> RuleViolationException.invalid("unknown_user", "assigned_to_user_id", "No such user"));
    if (!assignee.active() || !assignee.hasAnyRole(Role.REP, Role.TEAM_LEAD, Role.MANAGER, Role.ADMIN)) {
      throw RuleViolationException.invalid("user_cannot_take_communications", "assigned_to_user_id",
          assignee.username() + " does not handle communications");
    }
    if (assignee.availability() == Availability.AWAY) {
      throw RuleViolationException.conflict("user_unavailable", "assigned_to_user_id", assignee.username() + " is away");
    }
    if (assignee.capacity() > 0) {
      long open = logs.count((root, query, cb) -> cb.and(
          cb.equal(root.get("assignedToUserId"), assignee.id()),
          cb.isFalse(root.get("deleted")),
          root.get("status").in(CommunicationCodes.OPEN_STATUSES),
          logId == null ? cb.conjunction() : cb.notEqual(root.get("id"), logId)));
      if (open >= assignee.capacity()) {
        throw RuleViolationException.conflict("capacity_exceeded", "assigned_to_user_id",
            assignee.username() + " already has " + open + " open communications (capacity " + assignee.capacity() + ")");
      }
    }
    return assignee;
  }

  private static String checkUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String value = url.strip();
    if (!(value.startsWith("https://") || value.startsWith("http://"))) {
      throw RuleViolationException.invalid("invalid_url", "recording_url", "recording_url must be an http(s) URL");
    }
    return value;
  }

  private static BigDecimal scale(BigDecimal score) {
    return score == null ? null : score.setScale(2, RoundingMode.HALF_UP);
  }

  private static Map<String, String> snapshot(CommunicationLog l) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("subject", l.getSubject());
    m.put("status", l.getStatus());
    m.put("priority", l.getPriority());
    m.put("is_internal", String.valueOf(l.isInternal()));
    m.put("start_time", Objects.toString(l.getStartTime(), null));
    m.put("end_time", Objects.toString(l.getEndTime(), null));
    m.put("customer_id", Objects.toString(l.getCustomerId(), null));
    m.put("contact_id", Objects.toString(l.getContactId(), null));
    m.put("sentiment", l.getSentiment());
    m.put("sentiment_score", Objects.toString(l.getSentimentScore(), null));
    m.put("requires_follow_up", String.valueOf(l.isRequiresFollowUp()));
    m.put("follow_up_assigned_to", Objects.toString(l.getFollowUpAssignedTo(), null));
    m.put("follow_up_date", Objects.toString(l.getFollowUpDate(), null));
    m.put("follow_up_status", l.getFollowUpStatus());
    m.put("categories", l.getCategoryIds().stream().map(UUID::toString).sorted().toList().toString());
    m.put("disposition", l.getDisposition());
    m.put("content", l.getContent() == null ? null : "(" + l.getContent().length() + " characters)");
    m.put("summary", l.getSummary() == null ? null : "(" + l.getSummary().length() + " characters)");
    m.put("transcription", l.getTranscription() == null ? null : "(" + l.getTranscription().length() + " characters)");
    return m;
  }

  CommunicationView view(CommunicationLog log, Includes includes) {
    return view(log, includes, new Lookups());
  }

  /**
   * Names of customers, contacts, users, categories and thread tokens, each looked up once per
   * request: a page of 200 logs of a few customers costs a few queries, not a thousand.
   */
  private final class Lookups {
    private final Map<String, String> cache = new HashMap<>();
    private Map<UUID, String> categoryCodes;

    String customer(UUID companyId, UUID id) {
      return id == null ? null : cache.computeIfAbsent("customer:" + id, k -> directory.customerName(companyId, id));
    }

    String contact(UUID id) {
      return id == null ? null : cache.computeIfAbsent("contact:" + id, k -> contacts.findById(id).map(Contact::displayName).orElse(null));
    }

    String username(UUID id) {
      return id == null ? null : cache.computeIfAbsent("user:" + id, k -> directory.findUser(id).map(DirectoryUser::username).orElse(null));
    }

    String threadToken(UUID id) {
      return id == null ? null
          : cache.computeIfAbsent("thread:" + id, k -> threads.findById(id).map(CommunicationThread::getThreadToken).orElse(null));
    }

    List<String> categories(CommunicationLog log) {
      if (log.getCategoryIds().isEmpty()) {
        return List.of();
      }
      if (categoryCodes == null) {
        categoryCodes = new HashMap<>();
        categories.findByCompanyIdOrderByCategoryCode(log.getCompanyId())
            .forEach(c -> categoryCodes.put(c.getId(), c.getCategoryCode()));
      }
      return log.getCategoryIds().stream().map(categoryCodes::get).filter(Objects::nonNull).sorted().toList();
    }
  }

  private CommunicationView view(CommunicationLog log, Includes includes, Lookups lookups) {
    List<CommunicationView.ThreadEntry> thread = null;
    if (includes.thread() && log.getThreadId() != null) {
      thread = logs.findByThreadIdAndDeletedFalseOrderByStartTime(log.getThreadId()).stream()
          .map(l -> new CommunicationView.ThreadEntry(l.getId(), l.getCommunicationType(), l.getDirection(), l.getSubject(), l.getStartTime(), l.getFromAddress()))
          .toList();
    }
    return CommunicationView.of(log, new CommunicationView.Context(lookups.customer(log.getCompanyId(), log.getCustomerId()),
        lookups.contact(log.getContactId()), lookups.username(log.getAssignedToUserId()), lookups.categories(log),
        lookups.threadToken(log.getThreadId()), includes.transcript(), includes.attachments() ? attachments.of(log.getId()) : null,
        includes.followUp(), thread));
  }
}
