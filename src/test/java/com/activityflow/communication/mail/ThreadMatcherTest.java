package com.activityflow.communication.mail;

import static com.activityflow.communication.mail.Mails.mail;
import static org.assertj.core.api.Assertions.assertThat;

import com.activityflow.communication.mail.ThreadMatcher.Match;
import com.activityflow.communication.mail.ThreadMatcher.Reason;
import com.activityflow.communication.mail.ThreadMatcher.ThreadRef;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ThreadMatcherTest {

  private final ThreadCodec codec = new ThreadCodec("test-signing-key-0123456789-abcdefghijkl");
  private final ThreadMatcher matcher = new ThreadMatcher(codec);
  private final EmailParser parser = new EmailParser();

  private final UUID initech = UUID.randomUUID();
  private final UUID hooli = UUID.randomUUID();
  private final ThreadRef initechThread = new ThreadRef(UUID.randomUUID(), initech);
  private final ThreadRef otherThread = new ThreadRef(UUID.randomUUID(), initech);

  private final ThreadMatcher.Threads threads =
      new ThreadMatcher.Threads() {
        private final Map<String, ThreadRef> byMessageId = Map.of("first@initech.example", initechThread);

        @Override
        public Optional<ThreadRef> byMessageId(String messageId) {
          return Optional.ofNullable(byMessageId.get(messageId));
        }

        @Override
        public Optional<ThreadRef> byId(UUID threadId) {
          return Optional.of(otherThread).filter(t -> t.threadId().equals(threadId));
        }

        @Override
        public Optional<ThreadRef> byToken(String token) {
          return Optional.of(initechThread).filter(t -> token.equals("AF-K7M2Q9XA"));
        }
      };

  @Test
  void answeredStoredMessageWinsOverEverythingElse() {
    String signed = codec.newMessageId(otherThread.threadId(), "acme.example");
    Match match =
        matcher.match(
            parser.parse(mail().inReplyTo("first@initech.example").references("<" + signed + ">").subject("x [AF-K7M2Q9XA]").bytes()),
            hooli,
            threads);

    assertThat(match).isEqualTo(new Match(initechThread, Reason.ANSWERED_MESSAGE));
  }

  @Test
  void signedIdFindsTheThreadWhenTheSentMailIsNotStored() {
    String signed = codec.newMessageId(otherThread.threadId(), "acme.example");

    Match match = matcher.match(parser.parse(mail().inReplyTo(signed).bytes()), null, threads);

    assertThat(match).isEqualTo(new Match(otherThread, Reason.SIGNED_MESSAGE_ID));
  }

  @Test
  void subjectTokenCountsOnlyForTheThreadsCustomer() {
    ParsedEmail quoting = parser.parse(mail().subject("Re: Order [AF-K7M2Q9XA]").bytes());

    assertThat(matcher.match(quoting, initech, threads)).isEqualTo(new Match(initechThread, Reason.SUBJECT_TOKEN));
    assertThat(matcher.match(quoting, hooli, threads).isNewThread()).isTrue();
    assertThat(matcher.match(quoting, null, threads).isNewThread()).isTrue();
  }

  @Test
  void unknownReferencesStartANewThread() {
    Match match = matcher.match(parser.parse(mail().inReplyTo("unknown@elsewhere.example").bytes()), initech, threads);

    assertThat(match).isEqualTo(new Match(null, Reason.NEW_THREAD));
  }
}
