package com.activityflow.communication.mail;

/**
 * A file carried by a mail: its decoded file name, the type the mail claims (the attachment
 * store detects the real one from the bytes), the bytes and the Content-ID of inline parts.
 */
public record ParsedAttachment(String fileName, String declaredType, byte[] content, String contentId) {}
