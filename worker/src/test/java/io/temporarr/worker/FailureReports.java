package io.temporarr.worker;

import java.util.List;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * What Spring Boot prints when start-up fails: the first failure analysis of the registered {@link
 * FailureAnalyzer}s, in their order (as {@code SpringApplication} does).
 */
public final class FailureReports {

  private FailureReports() {}

  /** "description / action" of the analysis Spring Boot would print, or null if none applies. */
  public static FailureAnalysis analyze(Throwable failure) {
    List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation(FailureReports.class.getClassLoader())
            .load(
                FailureAnalyzer.class,
                SpringFactoriesLoader.ArgumentResolver.none(),
                // Analyzers that need a bean factory or environment are not used by these tests.
                SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {}));
    AnnotationAwareOrderComparator.sort(analyzers);
    for (FailureAnalyzer analyzer : analyzers) {
      FailureAnalysis analysis = analyzer.analyze(failure);
      if (analysis != null) {
        return analysis;
      }
    }
    return null;
  }

  /** The report as one string, as it appears under "APPLICATION FAILED TO START". */
  public static String report(Throwable failure) {
    FailureAnalysis analysis = analyze(failure);
    return analysis == null
        ? String.valueOf(failure)
        : "Description:\n" + analysis.getDescription() + "\nAction:\n" + analysis.getAction();
  }
}
