package com.activityflow.communication.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboundMailTest {

  private final ThreadCodec codec = new ThreadCodec("test-signing-key-0123456789-abcdefghijkl");

  @Test
  void aReplyCarriesTheSignedIdAndTheAnsweredChain() throws Exception {
    UUID thread = UUID.randomUUID();
    String id = codec.newMessageId(thread, "acme.example");
    List<String> references = OutboundMail.referencesFor("c@initech.example", List.of("a@acme.example", "b@initech.example"), null);
    OutboundMail mail =
        new OutboundMail(
            id,
            new MailAddress("support@acme.example", "Acme Support"),
            List.of(new MailAddress("alice@initech.example", "Alice Müller")),
            List.of(),
            ThreadCodec.replySubject("Lieferung für Köln", "AF-K7M2Q9XA"),
            "Grüße, your order ships today.",
            "c@initech.example",
            references);

    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    mail.toMimeMessage(Session.getInstance(new Properties())).writeTo(raw);
    ParsedEmail parsed = new EmailParser().parse(raw.toByteArray());

    assertThat(parsed.messageId()).isEqualTo(id);
    assertThat(codec.verifiedThreadId(parsed.messageId())).contains(thread);
    assertThat(parsed.inReplyTo()).isEqualTo("c@initech.example");
    assertThat(parsed.references()).containsExactly("a@acme.example", "b@initech.example", "c@initech.example");
    assertThat(parsed.subject()).isEqualTo("Re: Lieferung für Köln [AF-K7M2Q9XA]");
    assertThat(parsed.to()).containsExactly(new MailAddress("alice@initech.example", "Alice Müller"));
    assertThat(parsed.textBody()).isEqualTo("Grüße, your order ships today.");
  }

  @Test
  void longChainsKeepTheFirstAndTheLatestIds() {
    List<String> chain = IntStream.range(0, 30).mapToObj(i -> "m" + i + "@x.example").toList();

    List<String> references = OutboundMail.referencesFor("last@x.example", chain, null);

    assertThat(references).hasSize(OutboundMail.MAX_REFERENCES);
    assertThat(references.get(0)).isEqualTo("m0@x.example");
    assertThat(references.get(references.size() - 1)).isEqualTo("last@x.example");
    assertThat(OutboundMail.referencesFor("c@x", List.of(), "b@x")).containsExactly("b@x", "c@x");
  }
}
