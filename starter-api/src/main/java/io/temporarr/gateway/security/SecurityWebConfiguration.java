package io.temporarr.gateway.security;

import io.temporarr.gateway.GatewayProperties;
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

  SecurityWebConfiguration(GatewayProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new CredentialsInterceptor(properties));
  }
}
