package dev.sessionkit.boot.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

/**
 * Wraps every {@link PersistentTokenRepository} bean in a {@link SeriesRecordingTokenRepository},
 * once initialized, so that each session records its remember-me series and a revocation can expire
 * it. A bean that is already one is left as it is.
 */
final class SeriesRecordingTokenRepositoryPostProcessor implements BeanPostProcessor {

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof PersistentTokenRepository repository
        && !(bean instanceof SeriesRecordingTokenRepository)) {
      return new SeriesRecordingTokenRepository(repository);
    }
    return bean;
  }
}
