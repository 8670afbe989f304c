package com.activityflow.platform.web;

/** A record does not exist for the caller; records of another company are reported the same way. */
public class NotFoundException extends RuntimeException {

  private NotFoundException(String message) {
    super(message);
  }

  public static NotFoundException forId(String entity, Object id) {
    return new NotFoundException(entity + " " + id + " was not found");
  }
}
