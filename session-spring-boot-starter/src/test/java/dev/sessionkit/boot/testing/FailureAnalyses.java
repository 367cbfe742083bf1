package dev.sessionkit.boot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

/**
 * What sessionkit's failure analyzers, the ones registered in {@code META-INF/spring.factories},
 * say about a context that fails to start: the one assertion the auto-configuration tests of every
 * backend share.
 */
public final class FailureAnalyses {

  private FailureAnalyses() {}

  /**
   * Runs the context, expects it to fail, and returns what sessionkit's analyzers say.
   *
   * @throws AssertionError when the context starts, or when no sessionkit analyzer explains why it
   *     did not
   */
  public static FailureAnalysis analysisOf(ApplicationContextRunner runner) {
    FailureAnalysis[] result = new FailureAnalysis[1];
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          for (FailureAnalyzer analyzer : sessionkitAnalyzers()) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
              result[0] = analysis;
              return;
            }
          }
          throw new AssertionError("No sessionkit failure analyzer explains " + failure, failure);
        });
    return result[0];
  }

  /** The analyzers sessionkit registers in {@code META-INF/spring.factories}. */
  public static List<FailureAnalyzer> sessionkitAnalyzers() {
    ClassLoader classLoader = FailureAnalyses.class.getClassLoader();
    return SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, classLoader).stream()
        .filter(name -> name.startsWith("dev.sessionkit."))
        .map(
            name ->
                (FailureAnalyzer)
                    BeanUtils.instantiateClass(ClassUtils.resolveClassName(name, classLoader)))
        .toList();
  }
}
