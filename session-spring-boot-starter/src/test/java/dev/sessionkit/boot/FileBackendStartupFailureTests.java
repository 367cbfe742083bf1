package dev.sessionkit.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.sessionkit.ImproperlyConfiguredException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A real application whose session directory is missing stops at startup, and Boot prints the
 * failure analysis: Django's {@code ImproperlyConfigured}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FileBackendStartupFailureTests {

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {}

  @Test
  void missingSessionDirectoryStopsStartupWithDescriptionAndAction(
      @TempDir Path directory, CapturedOutput output) {
    Path missing = directory.resolve("no-such-directory");
    SpringApplication application = new SpringApplication(Application.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    assertThatExceptionOfType(BeanCreationException.class)
        .isThrownBy(
            () ->
                application.run(
                    "--sessionkit.backend=file",
                    "--sessionkit.file.path=" + missing,
                    "--spring.main.banner-mode=off"))
        .havingRootCause()
        .isInstanceOf(ImproperlyConfiguredException.class);

    assertThat(output).contains("APPLICATION FAILED TO START");
    assertThat(output)
        .contains(
            "Description:\n\nThe session storage path '"
                + missing
                + "' doesn't exist. Please set your sessionkit.file.path property to an existing"
                + " directory in which sessions can be stored.");
    assertThat(output)
        .contains(
            "Action:\n\nSet sessionkit.file.path to an existing directory"
                + " that this application can write to, or choose another backend with"
                + " sessionkit.backend (db or cache).");
  }
}
