package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

class WorkerDrainTest {

  private final WorkerFactory workerFactory = mock(WorkerFactory.class);
  private final TemporalStartup startup =
      new TemporalStartup("test", List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1));

  @Test
  void stoppingShutsTheWorkersDownAndWaitsForTheirTasks() {
    when(workerFactory.isTerminated()).thenReturn(true);
    WorkerDrain drain = new WorkerDrain(workerFactory, startup, Duration.ofSeconds(30));
    drain.start();
    assertThat(drain.isRunning()).isTrue();

    drain.stop();

    InOrder order = inOrder(workerFactory);
    order.verify(workerFactory).shutdown();
    order.verify(workerFactory).awaitTermination(30_000, TimeUnit.MILLISECONDS);
    assertThat(drain.isRunning()).isFalse();
  }

  @Test
  void aTimedOutDrainStillStops() {
    when(workerFactory.isTerminated()).thenReturn(false);
    WorkerDrain drain = new WorkerDrain(workerFactory, startup, Duration.ofMillis(10));
    drain.start();

    drain.stop();

    assertThat(drain.isRunning()).isFalse();
  }

  @Test
  void drainsBeforeTheWebServerStops() {
    WorkerDrain drain = new WorkerDrain(workerFactory, startup, Duration.ofSeconds(1));

    // Higher phases stop first.
    assertThat(drain.getPhase())
        .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
        .isEqualTo(SmartLifecycle.DEFAULT_PHASE);
  }
}
