package com.activityflow;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Activity Flow: the "Communication &amp; Activities" back office of a CRM as a Camunda 7 process
 * application. As a process application it deploys {@code bpmn/}, {@code dmn/} and {@code forms/}
 * (see {@code META-INF/processes.xml}; Camunda's default pattern deployment skips {@code .form}).
 */
@SpringBootApplication
@EnableProcessApplication("activity-flow")
@ConfigurationPropertiesScan
public class ActivityFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(ActivityFlowApplication.class, args);
  }
}
