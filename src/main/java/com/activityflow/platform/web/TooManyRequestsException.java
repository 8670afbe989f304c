package com.activityflow.platform.web;

/** A rate limit was exceeded; the caller may retry after {@code retryAfterSeconds}. */
public class TooManyRequestsException extends RuntimeException {

  private final long retryAfterSeconds;
  private final int limit;

  public TooManyRequestsException(long retryAfterSeconds, int limit) {
    super("More than " + limit + " attempts in a minute; retry in " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
    this.limit = limit;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int limit() {
    return limit;
  }
}
