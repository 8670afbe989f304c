package com.activityflow.directory;

import java.util.UUID;

/** A team as other modules see it; {@code code} is also the Camunda group of its queue. */
public record TeamInfo(UUID id, UUID companyId, String code, String name, UUID leadUserId) {}
