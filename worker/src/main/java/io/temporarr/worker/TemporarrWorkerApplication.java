package io.temporarr.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Temporal worker: hosts every workflow and activity of the {@code media-requests} queue. */
@SpringBootApplication
public class TemporarrWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(TemporarrWorkerApplication.class, args);
  }
}
