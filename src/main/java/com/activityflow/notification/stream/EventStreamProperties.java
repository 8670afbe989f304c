package com.activityflow.notification.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout how long one stream stays open; clients (EventSource) reconnect by themselves
 * @param heartbeat how often an idle stream gets a comment line, so proxies keep it open and dead
 *     clients are noticed
 */
@ConfigurationProperties("activityflow.events")
record EventStreamProperties(@DefaultValue("PT30M") Duration timeout, @DefaultValue("PT15S") Duration heartbeat) {}
