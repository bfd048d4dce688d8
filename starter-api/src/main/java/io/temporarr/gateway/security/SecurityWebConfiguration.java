package io.temporarr.gateway.security;

import io.temporarr.gateway.GatewayProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Binds the gateway settings and installs the credential check in front of every controller. Being
 * a {@link WebMvcConfigurer}, it is also part of every {@code @WebMvcTest} slice, so slices run
 * with the same credential check and settings as the application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class SecurityWebConfiguration implements WebMvcConfigurer {
  private final GatewayProperties properties;
  private final ObjectProvider<SignatureHeaderCheck> signatureHeaders;

  SecurityWebConfiguration(
      GatewayProperties properties, ObjectProvider<SignatureHeaderCheck> signatureHeaders) {
    this.properties = properties;
    this.signatureHeaders = signatureHeaders;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(
        new CredentialsInterceptor(properties, signatureHeaders::getIfAvailable));
  }
}
