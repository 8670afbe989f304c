package com.activityflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Activity Flow: the "Communication &amp; Activities" back office of a CRM as a Camunda 7 process
 * application. The models of {@code bpmn/}, {@code dmn/} and {@code forms/} are deployed by
 * {@code modeling.ModelDeployer}, at start-up and on an admin's request.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ActivityFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(ActivityFlowApplication.class, args);
  }
}
