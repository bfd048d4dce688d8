package io.temporarr.gateway;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.temporarr.gateway.security.Credential;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document served at {@code /v3/api-docs}, with one security scheme per caller. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI temporarrGatewayOpenApi() {
    Components components = new Components();
    Arrays.stream(Credential.values())
        .forEach(
            credential -> components.addSecuritySchemes(credential.scheme(), scheme(credential)));
    return new OpenAPI()
        .info(
            new Info()
                .title("Temporarr gateway")
                .description(
                    "Webhooks that start and signal media-request workflows, and the operator API."
                        + " Every error is an RFC 9457 application/problem+json document.")
                .version("v1"))
        .components(components);
  }

  private static SecurityScheme scheme(Credential credential) {
    return switch (credential) {
      case OPERATOR -> new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer");
      case SEERR, QBITTORRENT ->
          new SecurityScheme()
              .type(SecurityScheme.Type.APIKEY)
              .in(SecurityScheme.In.HEADER)
              .name(credential.header());
      case EVENTS ->
          new SecurityScheme()
              .type(SecurityScheme.Type.APIKEY)
              .in(SecurityScheme.In.HEADER)
              .name(credential.header())
              .description(
                  "Standard Webhooks v1: webhook-signature carries v1,<base64 HMAC-SHA256 of"
                      + " webhook-id.webhook-timestamp.body> (see docs/events/README.md).");
    };
  }
}
