package com.activityflow.communication.mail;

import static com.activityflow.communication.mail.Mails.mail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmailParserTest {

  private final EmailParser parser = new EmailParser();

  @Test
  void readsHeadersAddressesAndThePlainBody() {
    ParsedEmail mail =
        parser.parse(
            mail()
                .messageId("abc-1@initech.example")
                .inReplyTo("af.1@acme.example")
                .references("<root@acme.example> <af.1@acme.example>")
                .to("Support <Support@Acme.example>", "sales@acme.example")
                .cc("boss@initech.example")
                .bytes());

    assertThat(mail.malformed()).isFalse();
    assertThat(mail.messageId()).isEqualTo("abc-1@initech.example");
    assertThat(mail.inReplyTo()).isEqualTo("af.1@acme.example");
    assertThat(mail.references()).containsExactly("root@acme.example", "af.1@acme.example");
    assertThat(mail.answeredIds()).containsExactly("af.1@acme.example", "root@acme.example");
    assertThat(mail.from()).isEqualTo(new MailAddress("alice@initech.example", "Alice Buyer"));
    assertThat(mail.to()).extracting(MailAddress::address).containsExactly("support@acme.example", "sales@acme.example");
    assertThat(mail.cc()).extracting(MailAddress::address).containsExactly("boss@initech.example");
    assertThat(mail.subject()).isEqualTo("Question about my order");
    assertThat(mail.sentAt()).isNotNull();
    assertThat(mail.content()).isEqualTo("Hello, where is my order?");
  }

  @Test
  void decodesNonAsciiHeadersNamesAndBodies() {
    ParsedEmail mail =
        parser.parse(
            mail()
                .from("\"Jürgen Müller\" <jurgen@initech.example>")
                .subject("Größe der Lieferung – 納期について")
                .text("Grüße aus Köln, 日本語のテキスト")
                .attachment("Prüfbericht Übersicht.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))
                .bytes());

    assertThat(mail.malformed()).isFalse();
    assertThat(mail.from().name()).isEqualTo("Jürgen Müller");
    assertThat(mail.subject()).isEqualTo("Größe der Lieferung – 納期について");
    assertThat(mail.textBody()).isEqualTo("Grüße aus Köln, 日本語のテキスト");
    assertThat(mail.attachments()).singleElement().satisfies(a -> assertThat(a.fileName()).isEqualTo("Prüfbericht Übersicht.pdf"));
  }

  @Test
  void readsRawUtf8HeadersAndLatin1Bodies() {
    byte[] raw =
        concat(
            "From: José Núñez <jose@initech.example>\r\nTo: support@acme.example\r\nSubject: Año nuevo\r\n"
                .getBytes(StandardCharsets.UTF_8),
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\nMañana\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));

    ParsedEmail mail = parser.parse(raw);

    assertThat(mail.malformed()).isFalse();
    assertThat(mail.from().name()).isEqualTo("José Núñez");
    assertThat(mail.subject()).isEqualTo("Año nuevo");
    assertThat(mail.textBody().strip()).isEqualTo("Mañana");
  }

  @Test
  void turnsHtmlIntoSafeTextAndPrefersThePlainPart() {
    String html =
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
            + "<p>Hello <b>team</b>,</p><p>see <a href=\"https://initech.example/o/1\">the order</a>"
            + " and <a href=\"javascript:evil()\">this</a>.</p><ul><li>one</li><li>two</li></ul>"
            + "<div style=\"display:none\">hidden tracking</div><img src=x onerror=alert(1)></body></html>";

    ParsedEmail htmlOnly = parser.parse(mail().text(null).html(html).bytes());
    ParsedEmail both = parser.parse(mail().text("Plain version").html(html).bytes());

    assertThat(htmlOnly.textBody()).isNull();
    assertThat(htmlOnly.content())
        .isEqualTo("Hello team,\nsee the order <https://initech.example/o/1> and this.\n- one\n- two")
        .doesNotContain("<b>", "alert", "script", "hidden tracking", "javascript", "onerror");
    assertThat(both.content()).isEqualTo("Plain version");
    assertThat(both.htmlText()).startsWith("Hello team,");
  }

  @Test
  void keepsAttachmentsWithTheirBytes() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
    ParsedEmail mail = parser.parse(mail().attachment("chart.png", "image/png", png).bytes());

    assertThat(mail.attachments()).singleElement().satisfies(a -> {
      assertThat(a.fileName()).isEqualTo("chart.png");
      assertThat(a.declaredType()).isEqualTo("image/png");
      assertThat(a.content()).isEqualTo(png);
    });
    assertThat(mail.content()).isEqualTo("Hello, where is my order?");
  }

  @Test
  void readsForwardedMessagesAndKeepsThemAsAttachments() {
    byte[] original =
        mail().from("Carol <carol@hooli.example>").subject("Original request").text("Please call me back.").bytes();
    ParsedEmail mail =
        parser.parse(mail().subject("Fwd: Original request").text("FYI, see below.").forwarding(original).bytes());

    assertThat(mail.malformed()).isFalse();
    assertThat(mail.forwarded()).singleElement().satisfies(f -> {
      assertThat(f.from().address()).isEqualTo("carol@hooli.example");
      assertThat(f.subject()).isEqualTo("Original request");
    });
    assertThat(mail.attachments()).singleElement().satisfies(a -> {
      assertThat(a.fileName()).isEqualTo("Original request.eml");
      assertThat(a.declaredType()).isEqualTo("message/rfc822");
      assertThat(new String(a.content(), StandardCharsets.UTF_8)).contains("Please call me back.");
    });
    assertThat(mail.content())
        .startsWith("FYI, see below.\n\n---------- Forwarded message ----------\nFrom: Carol <carol@hooli.example>")
        .contains("Subject: Original request")
        .endsWith("Please call me back.");
  }

  @Test
  void flagsABrokenMultipartButKeepsItsHeaders() {
    ParsedEmail mail = parser.parse(Mails.malformed("broken-1@initech.example"));

    assertThat(mail.malformed()).isTrue();
    assertThat(mail.parseError()).contains("body cannot be read");
    assertThat(mail.messageId()).isEqualTo("broken-1@initech.example");
    assertThat(mail.from().address()).isEqualTo("broken@initech.example");
    assertThat(mail.subject()).isEqualTo("Broken attachment");
  }

  @Test
  void flagsAMessageWithoutSenderAndBadBase64() {
    byte[] raw =
        ("To: support@acme.example\r\nSubject: no sender\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "@@@not base64 at all!!!\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    ParsedEmail mail = parser.parse(raw);

    assertThat(mail.malformed()).isTrue();
    assertThat(mail.parseError()).contains("no valid sender");
    assertThat(mail.subject()).isEqualTo("no sender");
  }

  @Test
  void neverThrowsOnGarbageAndStripsControlCharacters() {
    ParsedEmail garbage = parser.parse(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n', '\r', '\n', 0});
    ParsedEmail nul =
        parser.parse(
            "From: a@initech.example\r\nSubject: nul\u0000here\r\n\r\nbody\u0000with nul\r\n".getBytes(StandardCharsets.UTF_8));

    assertThat(garbage.malformed()).isTrue();
    assertThat(nul.subject()).isEqualTo("nulhere");
    assertThat(nul.textBody()).doesNotContain("\u0000").contains("bodywith nul");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
