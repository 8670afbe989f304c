package com.activityflow.calendar;

import com.activityflow.directory.DirectoryUser;
import com.activityflow.task.TaskView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes RFC 5545 text: one VEVENT per task at its due date (calendar clients show events far
 * more widely than VTODOs; without DTEND it is an event of no duration), times in UTC, UID stable
 * per task so clients update rather than duplicate, lines folded at 75 octets, text escaped.
 */
@Component
class ICalendarWriter {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String CRLF = "\r\n";

  String write(DirectoryUser owner, List<TaskView> tasks, Instant now, String baseUrl) {
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Activity Flow//Task calendar//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "X-WR-CALNAME:" + text("Activity Flow tasks of " + owner.displayName()));
    for (TaskView task : tasks) {
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + task.id() + "@activityflow");
      line(out, "DTSTAMP:" + UTC.format(now));
      line(out, "LAST-MODIFIED:" + UTC.format(task.updatedAt()));
      line(out, "DTSTART:" + UTC.format(task.dueDate()));
      line(out, "SUMMARY:" + text(task.taskTitle()));
      String description =
          "Priority " + task.priority() + ", status " + task.status() + ", " + task.completionPercentage() + "% done"
              + (task.taskDescription() == null || task.taskDescription().isBlank() ? "" : "\n\n" + task.taskDescription());
      line(out, "DESCRIPTION:" + text(description));
      line(out, "URL:" + baseUrl + "/api/tasks/" + task.id());
      line(out, "STATUS:CONFIRMED");
      line(out, "TRANSP:TRANSPARENT");
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** RFC 5545 3.3.11: backslash, semicolon, comma and newlines escaped. */
  static String text(String value) {
    return value
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n");
  }

  /** RFC 5545 3.1: lines longer than 75 octets continue on the next line after a space. */
  private static void line(StringBuilder out, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 75) {
      out.append(content).append(CRLF);
      return;
    }
    int lineBytes = 0;
    int limit = 75;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (lineBytes + size > limit) {
        out.append(CRLF).append(' ');
        lineBytes = 1;
        limit = 75;
      }
      out.appendCodePoint(cp);
      lineBytes += size;
      i += Character.charCount(cp);
    }
    out.append(CRLF);
  }
}
