package io.temporarr.gateway.security;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.temporarr.gateway.GatewayProperties;
import io.temporarr.gateway.inbox.InboxStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The gateway's protections besides credentials: per-source rate limits, JSON parser limits and the
 * SSRF guard. A {@link WebMvcConfigurer}, so every {@code @WebMvcTest} slice runs with them as the
 * application does. (The body size limit is {@link BodySizeLimitFilter}.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class ProtectionConfiguration implements WebMvcConfigurer {
  /** After the credential check (order 0): see {@link RateLimitInterceptor}. */
  static final int RATE_LIMIT_ORDER = 1;

  private final GatewayProperties properties;
  private final AdmissionProperties admission;
  private final ObjectProvider<InboxStore> inbox;
  private final SourceRateLimits rateLimits;
  private final AddressRateLimits unverified;

  ProtectionConfiguration(
      GatewayProperties properties,
      AdmissionProperties admission,
      ObjectProvider<InboxStore> inbox) {
    this.properties = properties;
    this.admission = admission;
    this.inbox = inbox;
    this.rateLimits = new SourceRateLimits(properties.rateLimits());
    this.unverified =
        new AddressRateLimits(
            admission.unverifiedLimitForPeriod(), admission.unverifiedRefreshPeriod());
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(
            new RateLimitInterceptor(
                rateLimits, unverified, inbox::getIfAvailable, admission.inboxHighWaterMark()))
        .order(RATE_LIMIT_ORDER);
  }

  /** Also a meter binder: Actuator publishes the limiters' state. */
  @Bean
  SourceRateLimits sourceRateLimits() {
    return rateLimits;
  }

  /** A meter binder too: refusals of unverified signed deliveries. */
  @Bean
  AddressRateLimits unverifiedRateLimits() {
    return unverified;
  }

  @Bean
  FormPostLimit formPostLimit() {
    return new FormPostLimit(properties.maxBodySize().toBytes());
  }

  @Bean
  UrlGuard urlGuard() {
    return new UrlGuard(properties);
  }

  /**
   * Parser limits on Spring's ObjectMapper, which reads every JSON body: a document nested deeper
   * than {@code max-nesting-depth} or holding a string longer than {@code max-string-length} fails
   * while it is parsed (answered 400), long before it could exhaust the stack or the heap. And
   * strings must be JSON strings: a number or boolean where the schema says string is refused
   * instead of silently turned into text, so the payload means what the sender wrote.
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer jsonReadLimits() {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(properties.json().maxNestingDepth())
            .maxStringLength(properties.json().maxStringLength())
            .build();
    return builder ->
        builder.postConfigurer(
            mapper -> {
              mapper.getFactory().setStreamReadConstraints(constraints);
              mapper
                  .coercionConfigFor(LogicalType.Textual)
                  .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                  .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            });
  }

  /**
   * Tomcat parses form bodies itself and stops at its post size limit: set to {@code
   * max-body-size}, so form posts have the same cap as JSON bodies whatever {@code
   * server.tomcat.max-http-form-post-size} says. Ordered last so it wins over Boot's customizer.
   */
  static final class FormPostLimit
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final int limit;

    FormPostLimit(long limit) {
      this.limit = (int) Math.min(limit, Integer.MAX_VALUE);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addConnectorCustomizers(connector -> connector.setMaxPostSize(limit));
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
