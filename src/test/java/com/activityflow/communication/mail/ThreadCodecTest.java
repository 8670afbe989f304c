package com.activityflow.communication.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ThreadCodecTest {

  private final ThreadCodec codec = new ThreadCodec("test-signing-key-0123456789-abcdefghijkl");
  private final UUID thread = UUID.fromString("0b6f8a52-6a0e-4c3e-9a2a-1f0c1d2e3f40");

  @Test
  void signedMessageIdsLeadBackToTheirThread() {
    String id = codec.newMessageId(thread, "acme.example");

    assertThat(id).startsWith("af." + thread + ".").endsWith("@acme.example");
    assertThat(codec.verifiedThreadId(id)).contains(thread);
    assertThat(codec.verifiedThreadId(id.toUpperCase())).contains(thread);
    assertThat(codec.newMessageId(thread, "acme.example")).isNotEqualTo(id);
  }

  @Test
  void refusesForgedOrForeignIds() {
    String id = codec.newMessageId(thread, "acme.example");
    UUID other = UUID.randomUUID();
    String forged = id.replace(thread.toString(), other.toString());
    String otherKey = new ThreadCodec("another-key-that-is-long-enough-000000").newMessageId(thread, "acme.example");

    assertThat(codec.verifiedThreadId(forged)).isEmpty();
    assertThat(codec.verifiedThreadId(otherKey)).isEmpty();
    assertThat(codec.verifiedThreadId("CAF123@mail.gmail.com")).isEmpty();
    assertThat(new ThreadCodec("").verifiedThreadId(id)).isEmpty();
    assertThatThrownBy(() -> new ThreadCodec(null).newMessageId(thread, "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void subjectTokensAreAddedOnceAndFoundAgain() {
    String token = "AF-K7M2Q9XA";

    assertThat(ThreadCodec.withToken("Order 42", token)).isEqualTo("Order 42 [" + token + "]");
    assertThat(ThreadCodec.withToken("Order 42 [" + token + "]", token)).isEqualTo("Order 42 [" + token + "]");
    assertThat(ThreadCodec.replySubject("RE: Order 42 [" + token + "]", token)).isEqualTo("RE: Order 42 [" + token + "]");
    assertThat(ThreadCodec.replySubject("Order 42", token)).isEqualTo("Re: Order 42 [" + token + "]");
    assertThat(ThreadCodec.tokenIn("AW: Fwd: order [" + token.toLowerCase() + "] thanks")).contains(token);
    assertThat(ThreadCodec.tokenIn("no token [AF-123]")).isEqualTo(Optional.empty());
  }
}
