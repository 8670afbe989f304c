package com.activityflow.communication.mail;

import com.activityflow.communication.CommunicationView;
import com.activityflow.platform.security.CurrentUser;
import com.activityflow.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Communication logs")
@SecurityRequirement(name = "bearer")
class MailReplyController {

  private final MailReplies replies;
  private final CurrentUser currentUser;

  MailReplyController(MailReplies replies, CurrentUser currentUser) {
    this.replies = replies;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/communication-logs/{id}/reply")
  @Operation(
      summary =
          "Answer an email by mail: sent from the channel's mailbox with a signed Message-ID, In-Reply-To and References, and"
              + " logged as an outbound email in the same thread (for those who may change the communication)")
  ResponseEntity<CommunicationView> reply(@PathVariable UUID id, @RequestBody MailReplies.ReplyRequest request) {
    CommunicationView sent = replies.reply(id, request, currentUser.get());
    return ResponseEntity.created(URI.create("/api/communication-logs/" + sent.id())).body(sent);
  }

  @ExceptionHandler(MailReplies.MailNotSentException.class)
  ResponseEntity<ProblemDetail> notSent(MailReplies.MailNotSentException e) {
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
        .body(Problems.of(HttpStatus.BAD_GATEWAY, "mail_not_sent", e.getMessage() + "; nothing was logged, try again", List.of()));
  }
}
