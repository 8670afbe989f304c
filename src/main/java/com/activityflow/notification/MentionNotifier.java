package com.activityflow.notification;

import com.activityflow.directory.DirectoryService;
import com.activityflow.directory.DirectoryUser;
import com.activityflow.platform.security.Authentications;
import com.activityflow.task.TaskEvent;
import com.activityflow.task.TaskManager;
import com.activityflow.task.TaskView.CommentView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code @username} in a comment notifies that user, if it is an active user of the task's company
 * who may see the task. Runs inside the comment's transaction, so a rolled-back comment notifies
 * nobody.
 */
@Component
class MentionNotifier {

  private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]*)");

  private final TaskManager tasks;
  private final DirectoryService directory;
  private final InAppNotifications inApp;

  MentionNotifier(TaskManager tasks, DirectoryService directory, InAppNotifications inApp) {
    this.tasks = tasks;
    this.directory = directory;
    this.inApp = inApp;
  }

  @EventListener(condition = "#event.type() == T(com.activityflow.task.TaskEvent).COMMENT_ADDED")
  void onComment(TaskEvent event) {
    Object commentId = event.data().get("comment_id");
    DirectoryUser author = event.actorUserId() == null ? null : directory.findUser(event.actorUserId()).orElse(null);
    if (commentId == null || author == null) {
      return; // only people write comments that mention someone
    }
    // read as its author, who can see the task it just commented on
    Optional<CommentView> comment =
        Authentications.runAs(
            author, () -> find(tasks.comments(event.taskId()).stream(), UUID.fromString(commentId.toString())));
    comment.ifPresent(c -> mentioned(c.commentText()).forEach(username -> notify(event, username)));
  }

  private void notify(TaskEvent event, String username) {
    directory
        .findUser(username)
        .filter(DirectoryUser::active)
        .filter(u -> u.companyId().equals(event.companyId()))
        .filter(u -> !Objects.equals(u.id(), event.actorUserId()))
        .filter(u -> tasks.isVisibleTo(event.taskId(), u))
        .ifPresent(u -> inApp.record(InAppNotifications.MENTIONED, event.taskId(), u.id()));
  }

  static Set<String> mentioned(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = MENTION.matcher(text == null ? "" : text);
    while (m.find()) {
      // a sentence may end right after the name: "thanks @ann."
      names.add(m.group(1).replaceAll("[.-]+$", ""));
    }
    return names;
  }

  private static Optional<CommentView> find(Stream<CommentView> comments, UUID id) {
    List<CommentView> all = comments.toList();
    for (CommentView c : all) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
      Optional<CommentView> reply = find(c.replies().stream(), id);
      if (reply.isPresent()) {
        return reply;
      }
    }
    return Optional.empty();
  }
}
