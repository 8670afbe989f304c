/**
 * The live event stream (server-sent events): committed task events, each sent only to the
 * connected users who may see the task.
 */
package com.activityflow.notification.stream;
