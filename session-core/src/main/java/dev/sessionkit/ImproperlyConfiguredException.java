package dev.sessionkit;

/**
 * A store cannot work as configured, for example a file store whose directory is missing. Thrown at
 * construction, so a misconfigured application fails at startup rather than on a request.
 */
public class ImproperlyConfiguredException extends RuntimeException {

  public ImproperlyConfiguredException(String message) {
    super(message);
  }
}
