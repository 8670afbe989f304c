package com.activityflow.communication.mail;

import java.util.Locale;

/** A mail address (lower-cased, as contacts are matched by it) and the display name sent with it. */
public record MailAddress(String address, String name) {

  public MailAddress {
    address = address.trim().toLowerCase(Locale.ROOT);
    name = name == null || name.isBlank() ? null : name.strip();
  }

  /** The part after the last {@code @}, or the empty string. */
  public String domain() {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1);
  }
}
