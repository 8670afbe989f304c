package com.activityflow.modeling;

/** One thing wrong with a model: the file, the element (if any), what is wrong and what to do. */
public record ModelProblem(String file, String elementId, String message) {

  @Override
  public String toString() {
    return file + (elementId == null ? "" : " [" + elementId + "]") + ": " + message;
  }
}
