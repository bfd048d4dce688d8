package io.temporarr.benchmarks.gateway;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The Gatling side of {@link GatewayBenchmark}: Seerr approvals (MEDIA_AUTO_APPROVED and
 * MEDIA_APPROVED alternately, one new request ID each) posted at a fixed arrival rate — an open
 * model, as webhooks arrive whether or not the gateway has answered the previous one. Each virtual
 * user is one delivery on its own connection, as a webhook sender makes it. A delivery counts as
 * accepted when answered 202 (started, or kept in the durable inbox).
 *
 * <p>Gatling instantiates the class itself, so {@link GatewayBenchmark} passes the target through
 * {@link #configure} before the run and reads the accepted request IDs from {@link #accepted()}.
 */
public class SeerrWebhookSimulation extends Simulation {

  /** What one run sends, set by the benchmark before it starts Gatling. */
  record Target(String baseUrl, String authorization, String idPrefix, int rate, Duration during) {}

  private static volatile Target target;
  private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

  static void configure(Target next) {
    target = next;
    ACCEPTED.clear();
  }

  /** The request IDs answered 202 in the last run. */
  static Set<String> accepted() {
    return Set.copyOf(ACCEPTED);
  }

  public SeerrWebhookSimulation() {
    Target run = target;
    if (run == null) {
      throw new IllegalStateException("SeerrWebhookSimulation runs from GatewayBenchmark only");
    }
    AtomicInteger sequence = new AtomicInteger();
    Iterator<Map<String, Object>> requests =
        Stream.generate(
                () -> {
                  int n = sequence.incrementAndGet();
                  return Map.<String, Object>of(
                      "requestId", run.idPrefix() + n, "type", SeerrApprovals.type(n));
                })
            .iterator();
    HttpProtocolBuilder protocol =
        http.baseUrl(run.baseUrl())
            .header("Authorization", run.authorization())
            .contentTypeHeader("application/json");
    ScenarioBuilder approvals =
        scenario("Seerr approvals")
            .feed(requests)
            .exec(
                http("seerr approval")
                    .post("/webhooks/seerr")
                    .body(
                        StringBody(
                            session ->
                                SeerrApprovals.body(
                                    session.getString("type"), session.getString("requestId"))))
                    .check(status().is(202)))
            .exec(
                session -> {
                  if (!session.isFailed()) {
                    ACCEPTED.add(session.getString("requestId"));
                  }
                  return session;
                });
    setUp(approvals.injectOpen(constantUsersPerSec(run.rate()).during(run.during())))
        .protocols(protocol);
  }
}
