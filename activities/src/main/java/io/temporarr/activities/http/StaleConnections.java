package io.temporarr.activities.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Keeps a pooled connection the server has already closed from failing a call (ADR 0005).
 *
 * <p>OkHttp's silent retry is off ({@link HttpClients#create}), so a call that lands on a pooled
 * HTTP/1 connection whose peer has gone (qBittorrent drops idle keep-alive connections, an HTTP/1.0
 * server closes after every answer) would fail even though the server never saw the request. Before
 * a request is written on a connection that already served one, {@link Probe} looks at its socket:
 * when the peer's close (or any unexpected byte) is already there, the connection is closed and the
 * call {@linkplain Retry goes out again} on another connection. Nothing has been written at that
 * point, so this is safe for every method, POST included. A connection that breaks while or after
 * the request is written is not retried here: the failure goes to Temporal, the only retry
 * authority for a request that may have reached the server.
 */
public final class StaleConnections {

  /** Calls given up after this many stale connections in a row (the pool keeps at most 5 idle). */
  static final int MAX_STALE_PER_CALL = 8;

  /** How long the probe waits for the peer's close: it is already there when the peer is gone. */
  private static final int PROBE_MILLIS = 1;

  private StaleConnections() {}

  /** Adds the probe and its retry to a client being built. */
  public static OkHttpClient.Builder install(OkHttpClient.Builder builder) {
    return builder.addInterceptor(new Retry()).addNetworkInterceptor(new Probe());
  }

  /** Thrown before anything was written: the connection was closed by its peer while pooled. */
  static final class StaleConnectionException extends IOException {
    StaleConnectionException() {
      super("pooled connection was closed by the server");
    }
  }

  /** Sends the call again when the probe found its connection stale. */
  static final class Retry implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      for (int stale = 1; ; stale++) {
        try {
          return chain.proceed(chain.request());
        } catch (StaleConnectionException e) {
          if (stale >= MAX_STALE_PER_CALL) {
            throw e;
          }
        }
      }
    }
  }

  /** Checks a reused HTTP/1 connection before its next request is written. */
  static final class Probe implements Interceptor {
    private final Map<Connection, Boolean> used = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public Response intercept(Chain chain) throws IOException {
      Connection connection = chain.connection();
      if (connection != null
          && connection.protocol() != Protocol.HTTP_2
          && connection.protocol() != Protocol.H2_PRIOR_KNOWLEDGE
          && used.put(connection, Boolean.TRUE) != null
          && closedByPeer(connection.socket())) {
        connection.socket().close();
        throw new StaleConnectionException();
      }
      return chain.proceed(chain.request());
    }

    /**
     * True when the peer closed or reset the socket, or sent a byte nobody asked for (between two
     * HTTP/1 exchanges nothing may arrive). The read only consumes that unwanted byte.
     */
    static boolean closedByPeer(Socket socket) throws IOException {
      int timeout = socket.getSoTimeout();
      try {
        socket.setSoTimeout(PROBE_MILLIS);
        InputStream in = socket.getInputStream();
        in.read();
        return true;
      } catch (SocketTimeoutException alive) {
        return false;
      } catch (IOException reset) {
        return true;
      } finally {
        if (!socket.isClosed()) {
          socket.setSoTimeout(timeout);
        }
      }
    }
  }
}
