package com.activityflow.communication.mail;

/** Text taken from a mail, made safe to store: no NUL or other control characters, LF line ends. */
final class Text {

  private Text() {}

  static String clean(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.length());
    String normalised = value.replace("\r\n", "\n").replace('\r', '\n');
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
