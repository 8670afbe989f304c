package com.activityflow.bench;

/**
 * One part of the suite. A scenario measures the application and, in the same run, its
 * bare-engine baseline, and adds rows to the results. New capabilities (e.g. email ingestion,
 * once that module exists) add a scenario here and a name in {@link BenchmarkSuite#SCENARIOS}.
 */
interface Scenario {

  String name();

  void run(BenchApp app, Knobs knobs, Results results) throws Exception;
}
