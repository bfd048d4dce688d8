package io.temporarr.activities.testing.docs;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/** Classes of one application that carry an annotation, found the way Spring finds components. */
final class Scanning {
  private Scanning() {}

  /**
   * Every class under the application class's package, from the same jar or output folder (so a
   * test's own controllers or properties on the classpath do not count), that carries {@code
   * annotation} directly or as a meta-annotation ({@code @RestController} is a
   * {@code @Controller}).
   */
  static List<Class<?>> annotated(Class<?> application, Class<? extends Annotation> annotation) {
    AnnotationTypeFilter filter = new AnnotationTypeFilter(annotation);
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false) {
          // Every class carrying the annotation, whatever its @Conditional annotations say.
          @Override
          protected boolean isCandidateComponent(MetadataReader reader) throws IOException {
            return filter.match(reader, getMetadataReaderFactory());
          }
        };
    URL home = origin(application);
    return scanner.findCandidateComponents(application.getPackageName()).stream()
        .<Class<?>>map(
            found -> ClassUtils.resolveClassName(found.getBeanClassName(), loader(application)))
        .filter(type -> home.equals(origin(type)))
        .sorted(Comparator.comparing(Class::getName))
        .toList();
  }

  private static ClassLoader loader(Class<?> application) {
    return application.getClassLoader();
  }

  private static URL origin(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
