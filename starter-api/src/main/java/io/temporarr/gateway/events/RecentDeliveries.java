package io.temporarr.gateway.events;

import io.temporarr.gateway.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The answers given to recently seen {@code webhook-id}s, so a replayed (or concurrently repeated)
 * delivery gets the first delivery's answer and nothing is done twice. A delivery that failed is
 * forgotten, so the sender's retry runs again.
 *
 * <p>Bounded: at most {@code capacity} IDs, each kept for {@code retention} (twice the signature
 * tolerance, so a signature that can still verify always finds its ID). In memory and per gateway
 * instance: past the bound, after a restart or on another instance a replay runs again — harmless,
 * because every start is keyed by the workflow ID and every signal or update carries the event ID,
 * which the workflow ignores once applied.
 */
final class RecentDeliveries {
  private final int capacity;
  private final Duration retention;
  private final Clock clock;

  /** Insertion order is age order, so the eldest entries are at the head. */
  private final LinkedHashMap<String, Delivery> deliveries = new LinkedHashMap<>();

  private record Delivery(Instant seenAt, CompletableFuture<Answer> answer) {}

  RecentDeliveries(int capacity, Duration retention, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.retention = retention;
    this.clock = clock;
  }

  /**
   * Runs {@code handler} for the first delivery of {@code webhookId}; a repeat gets the same answer
   * (waiting for it while the first is still running). Exceptions of the handler pass through.
   */
  Answer answerOnce(String webhookId, Supplier<Answer> handler) {
    while (true) {
      Delivery mine = new Delivery(clock.instant(), new CompletableFuture<>());
      Delivery earlier;
      synchronized (this) {
        forgetExpired(mine.seenAt());
        earlier = deliveries.putIfAbsent(webhookId, mine);
        if (earlier == null && deliveries.size() > capacity) {
          Iterator<Delivery> eldest = deliveries.values().iterator();
          eldest.next();
          eldest.remove();
        }
      }
      if (earlier == null) {
        return answer(webhookId, mine, handler);
      }
      try {
        return earlier.answer().join();
      } catch (CompletionException | CancellationException failed) {
        // The first delivery failed and was forgotten: this one runs in its place.
      }
    }
  }

  private Answer answer(String webhookId, Delivery mine, Supplier<Answer> handler) {
    try {
      Answer answer = handler.get();
      mine.answer().complete(answer);
      return answer;
    } catch (RuntimeException | Error failure) {
      synchronized (this) {
        deliveries.remove(webhookId, mine);
      }
      mine.answer().completeExceptionally(failure);
      throw failure;
    }
  }

  private void forgetExpired(Instant now) {
    Instant horizon = now.minus(retention);
    Iterator<Map.Entry<String, Delivery>> eldest = deliveries.entrySet().iterator();
    while (eldest.hasNext()) {
      Delivery delivery = eldest.next().getValue();
      if (!delivery.seenAt().isBefore(horizon)) {
        break;
      }
      if (delivery.answer().isDone()) {
        eldest.remove();
      }
    }
  }

  synchronized int size() {
    return deliveries.size();
  }
}
