/**
 * The benchmark suite ({@code ./mvnw -Pbench verify}, see docs/performance.md): the application
 * against the bare Camunda engine on the same engine and database, in one JVM. Not part of the
 * test build; it measures and reports, it asserts nothing about durations.
 */
package com.activityflow.bench;
