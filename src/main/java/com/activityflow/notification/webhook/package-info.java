/**
 * Outgoing webhooks: per-company subscriptions, a transactional outbox filled from
 * {@link com.activityflow.task.TaskEvent}s inside the change's transaction, and a dispatcher
 * that signs, sends, retries with backoff and keeps each task's events in order.
 */
package com.activityflow.notification.webhook;
