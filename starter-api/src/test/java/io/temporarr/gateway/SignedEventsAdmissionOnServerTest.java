package io.temporarr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.gateway.events.EventSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;

/**
 * Issue 16, item 8: {@code POST /webhooks/events} before the signature is verified, through real
 * Tomcat with raw sockets (so the test controls when, and whether, the body is sent, and from which
 * loopback address). Headers that cannot be authentic are refused before the body is read; forged
 * deliveries use up their own address's budget, not a genuine sender's; a trickled body is cut.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      TestCredentials.SEERR_PROPERTY,
      TestCredentials.QBITTORRENT_PROPERTY,
      TestCredentials.OPERATOR_PROPERTY,
      TestCredentials.EVENTS_PROPERTY,
      "temporarr.gateway.admission.unverified-limit-for-period=5",
      "temporarr.gateway.admission.unverified-refresh-period=1h",
      "temporarr.gateway.admission.body-read-timeout=1s",
      // A shared budget the flood alone would use up, were forgeries charged to it.
      "temporarr.gateway.rate-limits.events.limit-for-period=10",
      "temporarr.gateway.rate-limits.events.refresh-period=1h"
    })
@Import(GatewayOnTemporalTestServerTest.FakeRequestWorker.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SignedEventsAdmissionOnServerTest {
  /** Each test sends from its own loopback address, so their per-address budgets stay apart. */
  private static final String STALE_SENDER = "127.0.0.11";

  private static final String MALFORMED_SENDER = "127.0.0.12";
  private static final String FLOODER = "127.0.0.13";
  private static final String GENUINE_SENDER = "127.0.0.14";
  private static final String SLOW_SENDER = "127.0.0.15";

  /** Long enough that a server waiting for the body would be noticed; never reached otherwise. */
  private static final int PATIENCE_MILLIS = 20_000;

  @LocalServerPort private int port;

  @Test
  void staleTimestampIsRefusedWithoutWaitingForTheBody() throws Exception {
    String body = requested("16801");
    Map<String, String> headers =
        signed("msg-16801", Instant.now().minusSeconds(3600), body, TestCredentials.EVENTS);

    // The body is never sent: a server that read it before the headers would wait for it.
    Reply reply = send(STALE_SENDER, headers, body.getBytes(StandardCharsets.UTF_8), Body.NEVER);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }

  @Test
  void malformedSignatureHeaderIsRefusedWithoutWaitingForTheBody() throws Exception {
    String body = requested("16802");
    Map<String, String> headers = signed("msg-16802", Instant.now(), body, TestCredentials.EVENTS);
    headers.put("webhook-signature", "v1,not-a-signature");

    Reply reply =
        send(MALFORMED_SENDER, headers, body.getBytes(StandardCharsets.UTF_8), Body.NEVER);

    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void forgedFloodFromOneAddressLeavesAGenuineSenderItsBudget() throws Exception {
    String forgedSecret = "whsec_" + "A".repeat(43) + "=";
    int limited = 0;
    for (int i = 0; i < 20; i++) {
      String body = requested("1680" + i);
      Reply reply =
          send(
              FLOODER,
              signed("msg-flood-" + i, Instant.now(), body, forgedSecret),
              body.getBytes(StandardCharsets.UTF_8),
              Body.AT_ONCE);
      assertThat(reply.status()).isIn(401, 429);
      if (reply.status() == 429) {
        limited++;
      }
    }
    assertThat(limited).isEqualTo(15);

    for (int i = 0; i < 3; i++) {
      String body = requested("16810" + i);
      Reply genuine =
          send(
              GENUINE_SENDER,
              signed("msg-genuine-" + i, Instant.now(), body, TestCredentials.EVENTS),
              body.getBytes(StandardCharsets.UTF_8),
              Body.AT_ONCE);
      assertThat(genuine.status()).isEqualTo(202);
    }
  }

  @Test
  void bodyTrickledSlowerThanTheBoundIsCutWith408() throws Exception {
    String body = requested("16820") + " ".repeat(200);
    Map<String, String> headers = signed("msg-16820", Instant.now(), body, TestCredentials.EVENTS);

    Reply reply = send(SLOW_SENDER, headers, body.getBytes(StandardCharsets.UTF_8), Body.TRICKLED);

    assertThat(reply.status()).isEqualTo(408);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }

  private static String requested(String requestId) {
    return """
        {"id": "evt-%s", "type": "media.requested", "version": "1.0",
         "time": "2025-06-01T12:00:00Z",
         "data": {"source": "events", "sourceRequestId": "%s", "mediaType": "movie",
                  "title": "Dune: Part Two", "year": 2024, "tmdbId": 693134}}
        """
        .formatted(requestId, requestId);
  }

  private static Map<String, String> signed(
      String id, Instant signedAt, String body, String secret) {
    HttpHeaders signature = EventSigner.headers(secret, id, signedAt, body);
    Map<String, String> headers = new LinkedHashMap<>();
    signature.forEach((name, values) -> headers.put(name, values.get(0)));
    return headers;
  }

  private enum Body {
    AT_ONCE,
    /** One byte every 100 ms, stopping as soon as the server answered. */
    TRICKLED,
    NEVER
  }

  private record Reply(int status, String contentType) {}

  /** One request on its own connection from {@code from}; reads the status line and headers. */
  private Reply send(String from, Map<String, String> headers, byte[] body, Body sending)
      throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(PATIENCE_MILLIS);
      StringBuilder head =
          new StringBuilder("POST /webhooks/events HTTP/1.1\r\n")
              .append("Host: 127.0.0.1\r\n")
              .append("Connection: close\r\n")
              .append("Content-Type: application/json\r\n")
              .append("Content-Length: ")
              .append(body.length)
              .append("\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      switch (sending) {
        case AT_ONCE -> {
          out.write(body);
          out.flush();
        }
        case TRICKLED -> {
          for (int i = 0; i < body.length && in.available() == 0; i++) {
            out.write(body[i]);
            out.flush();
            Thread.sleep(100);
          }
        }
        case NEVER -> {
          // Only the headers.
        }
      }
      return readHead(in);
    }
  }

  private static Reply readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = "";
    for (String line : lines) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        contentType = line.substring("content-type:".length()).trim();
      }
    }
    return new Reply(status, contentType);
  }
}
