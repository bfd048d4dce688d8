package io.temporarr.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Item 5 of issue 16: the shared client against servers that close connections OkHttp has pooled —
 * one that drops a keep-alive connection after 1 s idle (as qBittorrent does after its keep-alive
 * window), one that speaks HTTP/1.0 and closes after every answer — and one that closes after
 * reading a POST without answering, which must not be repeated.
 */
@Timeout(30)
class StaleConnectionsTest {

  private final OkHttpClient client = HttpClients.create();
  private RawServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /**
   * A GET, then — once the server has closed the connection the GET left in the pool — a second
   * call, GET or POST: both succeed, and each arrives exactly once.
   */
  @ParameterizedTest(name = "{0}: GET, server closes, then {1}")
  @CsvSource({"CLOSE_WHEN_IDLE_1S, POST", "CLOSE_WHEN_IDLE_1S, GET", "HTTP_1_0, POST"})
  void aCallAfterTheServerClosedThePooledConnectionSucceeds(Mode mode, String method)
      throws Exception {
    server = new RawServer(mode);

    assertThat(call(get())).isEqualTo("ok GET");
    server.awaitClosed();
    assertThat(call("POST".equals(method) ? post() : get())).isEqualTo("ok " + method);

    assertThat(server.requests).containsExactly("GET", method);
  }

  @Test
  void aPostTheServerReadButNeverAnsweredIsNotRepeated() throws Exception {
    server = new RawServer(Mode.READ_THEN_HANG_UP);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> call(post()));

    assertThat(failure.getType()).isEqualTo(ErrorTypes.NETWORK_ERROR);
    assertThat(failure.isNonRetryable()).isFalse();
    server.awaitClosed();
    assertThat(server.requests).containsExactly("POST");
  }

  @Test
  void aConnectionThePeerKeepsOpenIsReusedWithoutRetry() throws Exception {
    server = new RawServer(Mode.KEEP_ALIVE);

    call(get());
    call(post());

    assertThat(server.requests).containsExactly("GET", "POST");
    assertThat(server.connections).isEqualTo(1);
  }

  private String call(Request request) {
    return HttpCalls.execute(client, request, "Test", response -> response.body().string());
  }

  private Request get() {
    return new Request.Builder().url(server.url()).build();
  }

  private Request post() {
    return new Request.Builder()
        .url(server.url())
        .post(RequestBody.create("a=1", MediaType.get("application/x-www-form-urlencoded")))
        .build();
  }

  enum Mode {
    /** HTTP/1.1 keep-alive; a connection idle for 1 s is closed. */
    CLOSE_WHEN_IDLE_1S,
    /** HTTP/1.0 without keep-alive: closed right after each answer. */
    HTTP_1_0,
    /** Reads the request and closes the connection without answering. */
    READ_THEN_HANG_UP,
    /** HTTP/1.1 keep-alive, never closed by the server. */
    KEEP_ALIVE
  }

  /** A tiny HTTP server on a loopback socket, written out so each close is under the test's eye. */
  static final class RawServer implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile int connections;
    private final Mode mode;
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Semaphore closed = new Semaphore(0);

    RawServer(Mode mode) throws IOException {
      this.mode = mode;
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      threads.execute(this::accept);
    }

    HttpUrl url() {
      return new HttpUrl.Builder()
          .scheme("http")
          .host(socket.getInetAddress().getHostAddress())
          .port(socket.getLocalPort())
          .addPathSegment("api")
          .build();
    }

    /** Waits until the server has closed a connection. */
    void awaitClosed() throws InterruptedException {
      assertThat(closed.tryAcquire(20, TimeUnit.SECONDS)).as("server closed a connection").isTrue();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          connections++;
          threads.execute(() -> serve(connection));
        } catch (IOException stopped) {
          return;
        }
      }
    }

    private void serve(Socket connection) {
      try (connection) {
        if (mode == Mode.CLOSE_WHEN_IDLE_1S) {
          connection.setSoTimeout(1000);
        }
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = connection.getOutputStream();
        while (true) {
          String method = readRequest(in);
          if (method == null) {
            return;
          }
          requests.add(method);
          if (mode == Mode.READ_THEN_HANG_UP) {
            return;
          }
          String body = "ok " + method;
          String head =
              (mode == Mode.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1")
                  + " 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n";
          out.write((head + body).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (mode == Mode.HTTP_1_0) {
            return;
          }
        }
      } catch (SocketTimeoutException idle) {
        // CLOSE_WHEN_IDLE_1S: the connection was idle for a second; try-with-resources closes it.
      } catch (IOException e) {
        // The client went away.
      } finally {
        closed.release();
      }
    }

    /** Reads one request (line, headers, Content-Length body); null at the end of the stream. */
    private static String readRequest(BufferedReader in) throws IOException {
      String line = in.readLine();
      if (line == null || line.isEmpty()) {
        return null;
      }
      int length = 0;
      for (String header = in.readLine(); header != null && !header.isEmpty(); ) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lower.substring("content-length:".length()).trim());
        }
        header = in.readLine();
      }
      for (int i = 0; i < length; i++) {
        in.read();
      }
      return line.substring(0, line.indexOf(' '));
    }

    @Override
    public void close() throws IOException {
      socket.close();
      threads.shutdownNow();
    }
  }
}
