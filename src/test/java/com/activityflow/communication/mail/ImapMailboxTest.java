package com.activityflow.communication.mail;

import static com.activityflow.communication.mail.Mails.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapMailboxTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());

  private GreenMailUser user;

  @BeforeEach
  void mailbox() {
    user = greenMail.setUser("support@acme.example", "support", "secret");
  }

  private ImapMailbox.Settings settings(String password, String processedFolder) {
    return new ImapMailbox.Settings(
        "127.0.0.1", greenMail.getImap().getPort(), "none", "support", password, "INBOX", processedFolder, Duration.ofSeconds(5));
  }

  @Test
  void readingDoesNotMarkAndMarkingSetsSeen() throws Exception {
    user.deliver(mail().subject("one").message());
    user.deliver(mail().subject("two").message());

    try (ImapMailbox mailbox = ImapMailbox.open(settings("secret", null))) {
      List<ImapMailbox.Fetched> first = mailbox.waiting(10);
      assertThat(first).hasSize(2);
      assertThat(mailbox.waiting(10)).hasSize(2);
      assertThat(new EmailParser().parse(first.get(0).raw()).subject()).isEqualTo("one");
      mailbox.markProcessed(first.get(0).uid());
    }
    try (ImapMailbox mailbox = ImapMailbox.open(settings("secret", null))) {
      assertThat(mailbox.waiting(10)).extracting(f -> new EmailParser().parse(f.raw()).subject()).containsExactly("two");
      assertThat(mailbox.waiting(1)).hasSize(1);
    }
  }

  @Test
  void movesProcessedMessagesToTheProcessedFolder() throws Exception {
    user.deliver(mail().subject("one").message());

    try (ImapMailbox mailbox = ImapMailbox.open(settings("secret", "Processed"))) {
      ImapMailbox.Fetched fetched = mailbox.waiting(10).get(0);
      mailbox.markProcessed(fetched.uid());
      mailbox.markProcessed(fetched.uid());
    }
    try (ImapMailbox mailbox = ImapMailbox.open(settings("secret", "Processed"))) {
      assertThat(mailbox.waiting(10)).isEmpty();
    }
    try (ImapMailbox processed =
        ImapMailbox.open(
            new ImapMailbox.Settings(
                "127.0.0.1", greenMail.getImap().getPort(), "none", "support", "secret", "Processed", null, Duration.ofSeconds(5)))) {
      assertThat(processed.waiting(10)).hasSize(1);
    }
  }

  @Test
  void wrongCredentialsOrAClosedPortFailToOpen() {
    assertThatThrownBy(() -> ImapMailbox.open(settings("wrong", null))).isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(
            () ->
                ImapMailbox.open(
                    new ImapMailbox.Settings("127.0.0.1", 1, "none", "support", "secret", "INBOX", null, Duration.ofSeconds(2))))
        .isInstanceOf(MessagingException.class);
  }
}
