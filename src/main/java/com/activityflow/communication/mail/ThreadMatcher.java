package com.activityflow.communication.mail;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which thread an inbound mail belongs to, in this order:
 *
 * <ol>
 *   <li>the ids it answers (In-Reply-To, then References newest first): a stored mail of the
 *       company with that Message-ID, or an id this application signed ({@link ThreadCodec});
 *   <li>the subject token, only when the sender belongs to the thread's customer: a token is
 *       easy to quote, and a mail from another customer must never land in someone else's
 *       thread;
 *   <li>otherwise a new thread.
 * </ol>
 *
 * All lookups are within the mailbox's company.
 */
public final class ThreadMatcher {

  /** A thread as matching needs it. */
  public record ThreadRef(UUID threadId, UUID customerId) {}

  /** How the thread was found. */
  public enum Reason {
    ANSWERED_MESSAGE,
    SIGNED_MESSAGE_ID,
    SUBJECT_TOKEN,
    NEW_THREAD
  }

  /** The outcome: a thread ({@code null} for a new one) and why. */
  public record Match(ThreadRef thread, Reason reason) {
    public boolean isNewThread() {
      return thread == null;
    }
  }

  /** The company's threads, looked up by what a mail can carry. */
  public interface Threads {
    Optional<ThreadRef> byMessageId(String messageId);

    Optional<ThreadRef> byId(UUID threadId);

    Optional<ThreadRef> byToken(String token);
  }

  private final ThreadCodec codec;

  public ThreadMatcher(ThreadCodec codec) {
    this.codec = codec;
  }

  /** @param senderCustomerId the customer of the sender's contact, or null when unknown */
  public Match match(ParsedEmail mail, UUID senderCustomerId, Threads threads) {
    for (String id : mail.answeredIds()) {
      Optional<ThreadRef> stored = threads.byMessageId(id);
      if (stored.isPresent()) {
        return new Match(stored.get(), Reason.ANSWERED_MESSAGE);
      }
      Optional<ThreadRef> signed = codec.verifiedThreadId(id).flatMap(threads::byId);
      if (signed.isPresent()) {
        return new Match(signed.get(), Reason.SIGNED_MESSAGE_ID);
      }
    }
    if (senderCustomerId != null) {
      Optional<ThreadRef> byToken =
          ThreadCodec.tokenIn(mail.subject())
              .flatMap(threads::byToken)
              .filter(t -> Objects.equals(t.customerId(), senderCustomerId));
      if (byToken.isPresent()) {
        return new Match(byToken.get(), Reason.SUBJECT_TOKEN);
      }
    }
    return new Match(null, Reason.NEW_THREAD);
  }
}
