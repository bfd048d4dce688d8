package io.temporarr.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The webhook gateway and operator API: starts and signals request workflows. */
@SpringBootApplication
public class TemporarrGatewayApplication {
  public static void main(String[] args) {
    SpringApplication.run(TemporarrGatewayApplication.class, args);
  }
}
