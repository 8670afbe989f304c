/**
 * Calendar feeds (N2): a user subscribes its calendar app to a secret URL that lists its open
 * tasks with a due date as iCalendar. The token in the URL is the credential, stored only as a
 * hash; the tasks come from the task module's facade.
 */
package com.activityflow.calendar;
