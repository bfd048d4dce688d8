package io.temporarr.activities.testing.docs;

import java.lang.reflect.Method;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Every HTTP endpoint an application's controllers map, as {@code METHOD /path} ({@code POST
 * /api/requests/{workflowId}/actions/{action}}), or the bare path for a mapping of every method.
 * Read from the Spring annotations ({@code @GetMapping} is a {@code @RequestMapping}), class-level
 * paths combined with method-level ones the way Spring MVC combines them. The error controller is
 * left out: it only renders the failure of another request.
 */
public final class Endpoints {
  private static final AntPathMatcher PATHS = new AntPathMatcher();
  private static final String[] ROOT = {""};

  private Endpoints() {}

  /** The endpoints of every controller in the application's package. */
  public static SortedSet<String> of(Class<?> application) {
    SortedSet<String> endpoints = new TreeSet<>();
    for (Class<?> controller : Scanning.annotated(application, Controller.class)) {
      if (ErrorController.class.isAssignableFrom(controller)) {
        continue;
      }
      String[] bases = paths(find(controller));
      for (Method handler : controller.getDeclaredMethods()) {
        RequestMapping mapping =
            AnnotatedElementUtils.findMergedAnnotation(handler, RequestMapping.class);
        if (mapping == null) {
          continue;
        }
        for (String base : bases) {
          for (String path : paths(mapping)) {
            String full = PATHS.combine(base, path);
            if (mapping.method().length == 0) {
              endpoints.add(full);
            }
            for (RequestMethod method : mapping.method()) {
              endpoints.add(method.name() + " " + full);
            }
          }
        }
      }
    }
    return endpoints;
  }

  private static RequestMapping find(Class<?> controller) {
    return AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
  }

  private static String[] paths(RequestMapping mapping) {
    return mapping == null || mapping.path().length == 0 ? ROOT : mapping.path();
  }
}
