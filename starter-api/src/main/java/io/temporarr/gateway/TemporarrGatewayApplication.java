package io.temporarr.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The webhook gateway and operator API: authenticates callers and starts, signals, queries and
 * updates request workflows. A Temporal client only: this application never hosts a worker.
 */
@SpringBootApplication
public class TemporarrGatewayApplication {
  public static void main(String[] args) {
    SpringApplication.run(TemporarrGatewayApplication.class, args);
  }
}
