/**
 * The audit trail: an append-only record (enforced by database triggers) of every change to
 * business records, every status transition and assignment, every deletion and every failed
 * login, with actor, company, request id and IP. Admins read and export it.
 */
package com.activityflow.audit;
