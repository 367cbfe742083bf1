package dev.sessionkit.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link SessionkitConfigurationException} (a backend without what it needs) as Boot's
 * "APPLICATION FAILED TO START" Description and Action.
 */
class SessionkitFailureAnalyzer extends AbstractFailureAnalyzer<SessionkitConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SessionkitConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
  }
}
