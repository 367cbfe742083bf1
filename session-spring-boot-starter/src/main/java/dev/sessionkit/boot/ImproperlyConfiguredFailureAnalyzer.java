package dev.sessionkit.boot;

import dev.sessionkit.ImproperlyConfiguredException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports core's {@link ImproperlyConfiguredException}, Django's {@code ImproperlyConfigured} (a
 * session directory that is missing or not writable), with the store's own message as the
 * Description.
 */
class ImproperlyConfiguredFailureAnalyzer
    extends AbstractFailureAnalyzer<ImproperlyConfiguredException> {

  static final String FILE_PATH_ACTION =
      "Set sessionkit.file.path to an existing directory that"
          + " this application can write to, or choose another backend with sessionkit.backend (db"
          + " or cache).";

  static final String GENERIC_ACTION = "Check the sessionkit.* properties of the application.";

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ImproperlyConfiguredException cause) {
    String description = String.valueOf(cause.getMessage());
    String action =
        description.contains("sessionkit.file.path") ? FILE_PATH_ACTION : GENERIC_ACTION;
    return new FailureAnalysis(description, action, cause);
  }
}
