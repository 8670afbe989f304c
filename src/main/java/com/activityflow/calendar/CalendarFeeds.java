package com.activityflow.calendar;

import com.activityflow.audit.AuditTrail;
import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.NotFoundException;
import com.activityflow.task.TaskManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secret-URL calendar feeds of a user's open tasks with a due date. The token in the URL is the
 * only credential (calendar clients cannot send bearer tokens), so it is long and random, stored
 * only as a hash, rotated by creating the feed again and revoked by deleting it.
 */
@Service
@Transactional
class CalendarFeeds {

  record FeedLink(String url, String token, Instant createdAt) {}

  private final CalendarFeedRepository feeds;
  private final TaskManager tasks;
  private final DirectoryService directory;
  private final CurrentUser currentUser;
  private final ICalendarWriter writer;
  private final Clock clock;
  private final String baseUrl;
  private final AuditTrail audit;
  private final SecureRandom random = new SecureRandom();

  CalendarFeeds(
      CalendarFeedRepository feeds,
      TaskManager tasks,
      DirectoryService directory,
      CurrentUser currentUser,
      ICalendarWriter writer,
      Clock clock,
      @Value("${activityflow.mail.base-url:http://localhost:8080}") String baseUrl,
      AuditTrail audit) {
    this.audit = audit;
    this.feeds = feeds;
    this.tasks = tasks;
    this.directory = directory;
    this.currentUser = currentUser;
    this.writer = writer;
    this.clock = clock;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** Creates the caller's feed, or replaces its token (the old URL stops working). */
  FeedLink createOrRotate() {
    DirectoryUser user = currentUser.get();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    java.util.Optional<CalendarFeed> existing = feeds.findById(user.id());
    CalendarFeed feed = existing.orElseGet(() -> new CalendarFeed(user.id(), user.companyId()));
    feed.rotate(hash(token), clock.instant());
    feeds.saveAndFlush(feed);
    // the token itself is a credential: the trail records only that it changed
    audit.record(user.companyId(), user.id(), user.username(), existing.isPresent() ? "update" : "create",
        "calendar_feed", user.id().toString(), java.util.List.of(new AuditTrail.FieldChange("token", existing.isPresent() ? "(old)" : null, "(new)")), null);
    return new FeedLink(baseUrl + "/calendar/" + token + ".ics", token, feed.getCreatedAt());
  }

  void revoke() {
    DirectoryUser user = currentUser.get();
    feeds.findById(user.id()).ifPresent(feed -> {
      feeds.delete(feed);
      audit.record(user.companyId(), user.id(), user.username(), "delete", "calendar_feed", user.id().toString(),
          java.util.List.of(new AuditTrail.FieldChange("token", "(old)", null)), null);
    });
  }

  /** The feed's iCalendar text; an unknown or revoked token, or an inactive owner, is 404. */
  @Transactional(readOnly = true)
  String render(String token) {
    DirectoryUser owner =
        feeds
            .findByTokenHash(hash(token))
            .flatMap(f -> directory.findUser(f.getUserId()))
            .filter(DirectoryUser::active)
            .orElseThrow(() -> NotFoundException.forId("Calendar feed", "for this link"));
    return writer.write(owner, tasks.openTasksDueFor(owner), clock.instant(), baseUrl);
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
