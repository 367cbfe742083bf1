package dev.sessionkit.boot.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

/**
 * Wraps every bean declared as a {@link PersistentTokenRepository} in a {@link
 * SeriesRecordingTokenRepository}, once initialized, so that each session records its remember-me
 * series and a revocation can end it. A bean that is already one is left as it is.
 *
 * <p>Only a bean whose declared type (the {@code @Bean} method's return type, or the registered
 * bean class) is the {@code PersistentTokenRepository} interface itself is wrapped: one declared as
 * {@code JdbcTokenRepositoryImpl} may be injected as that class, which the wrapper is not. Such a
 * bean is left alone, with one warning naming it.
 */
final class SeriesRecordingTokenRepositoryPostProcessor
    implements BeanPostProcessor, BeanFactoryAware {

  private static final Log logger =
      LogFactory.getLog(SeriesRecordingTokenRepositoryPostProcessor.class);

  private @Nullable ConfigurableListableBeanFactory beanFactory;

  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
      this.beanFactory = listable;
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof PersistentTokenRepository repository)
        || bean instanceof SeriesRecordingTokenRepository) {
      return bean;
    }
    if (declaredAsTheInterface(beanName)) {
      return new SeriesRecordingTokenRepository(repository);
    }
    if (warned.add(beanName) && logger.isWarnEnabled()) {
      logger.warn(
          "The remember-me token repository bean '"
              + beanName
              + "' ("
              + bean.getClass().getName()
              + ") is not declared as PersistentTokenRepository, so sessionkit leaves it"
              + " alone and signing a device out does not end its remember-me login; declare it"
              + " as PersistentTokenRepository so that signing a device out ends its remember-me"
              + " login");
    }
    return bean;
  }

  /**
   * Whether the definition of {@code beanName} declares the type {@code PersistentTokenRepository}.
   */
  private boolean declaredAsTheInterface(String beanName) {
    ConfigurableListableBeanFactory factory = beanFactory;
    if (factory == null || !factory.containsBeanDefinition(beanName)) {
      return false;
    }
    ResolvableType declared = factory.getMergedBeanDefinition(beanName).getResolvableType();
    return PersistentTokenRepository.class.equals(declared.resolve());
  }
}
