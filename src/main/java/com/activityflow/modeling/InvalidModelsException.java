package com.activityflow.modeling;

import java.util.List;

/** The models were refused; nothing was deployed and the running versions stay. */
public class InvalidModelsException extends RuntimeException {

  private final List<ModelProblem> problems;

  public InvalidModelsException(List<ModelProblem> problems) {
    super(problems.size() + " problem(s) in the models: " + problems.get(0) + (problems.size() > 1 ? " ..." : ""));
    this.problems = List.copyOf(problems);
  }

  public List<ModelProblem> problems() {
    return problems;
  }
}
