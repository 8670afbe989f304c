/**
 * The live event stream (server-sent events): committed task and communication events, each sent
 * only to the connected users who may see them, from every node of a cluster.
 */
package com.activityflow.notification.stream;
