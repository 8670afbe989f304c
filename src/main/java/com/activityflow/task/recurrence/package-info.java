/**
 * Recurring tasks: a series holds a task template and an RFC 5545 rule (RRULE, local DTSTART,
 * IANA time zone, evaluated by ical4j); its {@code task-recurrence} process waits on a timer job
 * for each occurrence and creates it as an ordinary task through the task module's facade, so
 * every occurrence runs the normal {@code task-lifecycle}.
 */
package com.activityflow.task.recurrence;
