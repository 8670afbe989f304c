package com.activityflow.calendar;

import com.activityflow.calendar.CalendarFeeds.FeedLink;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's calendar feed (N2), and the feed itself for calendar clients. */
@RestController
@Tag(name = "Calendar feed")
class CalendarFeedController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

  private final CalendarFeeds feeds;

  CalendarFeedController(CalendarFeeds feeds) {
    this.feeds = feeds;
  }

  @PostMapping("/api/calendar-feed")
  @ResponseStatus(HttpStatus.CREATED)
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "Create the caller's calendar feed URL, or rotate it (the old URL stops working)")
  FeedLink create() {
    return feeds.createOrRotate();
  }

  @DeleteMapping("/api/calendar-feed")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "Revoke the caller's calendar feed URL")
  void revoke() {
    feeds.revoke();
  }

  @GetMapping("/calendar/{token}.ics")
  @Operation(summary = "iCalendar of the feed owner's open tasks with a due date; the token is the credential")
  ResponseEntity<String> feed(@PathVariable String token) {
    return ResponseEntity.ok()
        .contentType(TEXT_CALENDAR)
        .cacheControl(CacheControl.noStore())
        .body(feeds.render(token));
  }
}
