package com.activityflow.communication.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChannelConfigurationRepository extends JpaRepository<ChannelConfiguration, UUID> {

  Optional<ChannelConfiguration> findByCompanyIdAndChannelCode(UUID companyId, String channelCode);

  Optional<ChannelConfiguration> findByIdAndCompanyId(UUID id, UUID companyId);

  List<ChannelConfiguration> findByCompanyIdOrderByChannelCode(UUID companyId);

  /** Email channels with a mailbox, of every company: what the poller works through. */
  List<ChannelConfiguration> findByActiveTrueAndChannelTypeAndImapHostIsNotNull(String channelType);
}
