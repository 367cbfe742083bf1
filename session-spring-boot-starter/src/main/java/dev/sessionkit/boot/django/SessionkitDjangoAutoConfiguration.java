package dev.sessionkit.boot.django;

import dev.sessionkit.SessionSettings;
import dev.sessionkit.SessionStore;
import dev.sessionkit.boot.ConditionalOnSessionBackend;
import dev.sessionkit.boot.SessionkitAutoConfiguration;
import dev.sessionkit.boot.SessionkitConfigurationException;
import dev.sessionkit.boot.SessionkitProperties.Backend;
import dev.sessionkit.django.DjangoSessionStore;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the Django backend: {@code sessionkit.backend=django} gives a {@link
 * DjangoSessionStore} on the application's {@code DataSource}, over Django's {@code django_session}
 * table (or {@code sessionkit.jdbc.table-name} when set), with {@code sessionkit.django.secret-key}
 * and {@code fallback-secret-keys} and the application's session settings. Backs off when the
 * application defines its own {@link SessionStore}.
 *
 * <p>A missing secret key or {@code DataSource} stops the startup with a failure analysis; no
 * message shows a key. The table is Django's: nothing here creates or changes it.
 */
@AutoConfiguration(before = SessionkitAutoConfiguration.class)
@EnableConfigurationProperties(SessionkitDjangoProperties.class)
@ConditionalOnSessionBackend(Backend.DJANGO)
public final class SessionkitDjangoAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(SessionStore.class)
  @DependsOnDatabaseInitialization
  DjangoSessionStore sessionStore(
      ObjectProvider<DataSource> dataSource,
      SessionkitDjangoProperties django,
      SessionSettings settings,
      Environment environment) {
    String secretKey = django.getSecretKey();
    if (secretKey == null || secretKey.isEmpty()) {
      throw new SessionkitConfigurationException(
          "sessionkit.backend is 'django', but sessionkit.django.secret-key is not set; the"
              + " session data Django shares cannot be read or signed without Django's SECRET_KEY.",
          "Set sessionkit.django.secret-key to the SECRET_KEY of the Django application (from an"
              + " environment variable or a secret store, for example ${DJANGO_SECRET_KEY}), and"
              + " sessionkit.django.fallback-secret-keys to its SECRET_KEY_FALLBACKS if it has any.");
    }
    DataSource available = dataSource.getIfAvailable();
    if (available == null) {
      throw new SessionkitConfigurationException(
          "sessionkit.backend is 'django', but the application has no DataSource.",
          "Configure a DataSource for the database of the Django application (add"
              + " spring-boot-starter-jdbc and its JDBC driver, and set spring.datasource.url).");
    }
    String tableName =
        Binder.get(environment)
            .bind("sessionkit.jdbc.table-name", String.class)
            .orElse(DjangoSessionStore.DEFAULT_TABLE_NAME);
    try {
      return new DjangoSessionStore(
          available, secretKey, List.copyOf(django.getFallbackSecretKeys()), settings, tableName);
    } catch (IllegalArgumentException ex) {
      throw new SessionkitConfigurationException(
          "sessionkit.jdbc.table-name '" + tableName + "' is not a plain SQL identifier.",
          "Set sessionkit.jdbc.table-name to the name of Django's session table (django_session"
              + " unless its Session model says otherwise), or remove it.");
    }
  }
}
