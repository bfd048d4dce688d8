package io.temporarr.gateway.problem;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Makes the errors Tomcat answers itself problem+json too ({@link ProblemErrorReportValve}); the
 * ones that reach the error page are {@link ProblemErrorController}'s, and everything inside Spring
 * MVC is {@link GatewayExceptionHandler}'s.
 */
@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

  @Bean
  ProblemResponses problemResponses() {
    return new ProblemResponses();
  }

  @Bean
  NullableOptionalFields nullableOptionalFields() {
    return new NullableOptionalFields();
  }

  @Bean
  ErrorReportCustomizer problemErrorReports() {
    return new ErrorReportCustomizer();
  }

  /**
   * Swaps the host's error report valve. Ordered last, so it runs after Boot's own customizer
   * (which adds an HTML {@link ErrorReportValve}); it removes every such valve and names ours as
   * the host's error report class, so Tomcat does not add its default one back when the host
   * starts.
   */
  static final class ErrorReportCustomizer
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            if (!(context.getParent() instanceof StandardHost host)) {
              return;
            }
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
              }
            }
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            host.getPipeline().addValve(new ProblemErrorReportValve());
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
