package io.temporarr.activities.transmission;

import io.temporarr.activities.download.SeedingGoals;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.testing.TempFolders;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.activities.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real {@code transmission-daemon} (Debian package, 3.00 here) for real-stack tests: a fresh
 * config folder per instance ({@code -g}, so no old torrents are resumed), in the foreground
 * ({@code -f}), RPC and peer port on free loopback ports, DHT/LSD/PeX/µTP and port forwarding off
 * so only a peer that connects in (e.g. a qBittorrent seeder told {@code addPeers}) is ever met.
 * {@link #startWithLogin} turns RPC authentication on.
 *
 * <p>Public and in the activities test-jar for the worker's end-to-end suite:
 *
 * <pre>{@code
 * try (TransmissionDaemon daemon = TransmissionDaemon.start()) {
 *   TransmissionClient client =
 *       new TransmissionClient(http, daemon.settings("transmission", SeedingGoals.KEEP));
 *   …
 * }
 * }</pre>
 *
 * Fails loudly (never skips) when the binary is missing or RPC does not come up.
 */
public final class TransmissionDaemon implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final Thread killOnExit;
  private final Path home;
  private final Path downloadDir;
  private final Path log;
  private final int rpcPort;
  private final int peerPort;
  private final String username;
  private final String password;
  private final OkHttpClient http = HttpClients.create();

  private TransmissionDaemon(
      Process process,
      Path home,
      Path downloadDir,
      Path log,
      int rpcPort,
      int peerPort,
      String username,
      String password) {
    this.process = process;
    this.home = home;
    this.downloadDir = downloadDir;
    this.log = log;
    this.rpcPort = rpcPort;
    this.peerPort = peerPort;
    this.username = username;
    this.password = password;
    this.killOnExit = new Thread(process::destroyForcibly, "transmission-daemon-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts an instance whose RPC needs no authentication. */
  public static TransmissionDaemon start() throws IOException, InterruptedException {
    return launch(null, null);
  }

  /** Starts an instance whose RPC requires this basic-auth login. */
  public static TransmissionDaemon startWithLogin(String username, String password)
      throws IOException, InterruptedException {
    return launch(username, password);
  }

  private static TransmissionDaemon launch(String username, String password)
      throws IOException, InterruptedException {
    String binary = Tools.require("transmission-daemon");
    Path home = Files.createTempDirectory("transmission-daemon-");
    Path config = Files.createDirectories(home.resolve("config"));
    Path downloadDir = Files.createDirectories(home.resolve("downloads"));
    int rpcPort = TemporalDevServer.freePort();
    int peerPort = TemporalDevServer.freePort();
    // Transmission replaces a plain-text rpc-password by its salted hash when it starts.
    Files.writeString(
        config.resolve("settings.json"),
        settings(downloadDir, rpcPort, peerPort, username, password),
        StandardCharsets.UTF_8);
    Path log = home.resolve("transmission-daemon.log");
    Process process =
        new ProcessBuilder(binary, "-f", "-g", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TransmissionDaemon daemon =
        new TransmissionDaemon(
            process, home, downloadDir, log, rpcPort, peerPort, username, password);
    try {
      daemon.awaitRpc();
    } catch (RuntimeException | InterruptedException e) {
      daemon.close();
      throw e;
    }
    return daemon;
  }

  /** The RPC endpoint, e.g. {@code http://127.0.0.1:40123/transmission/rpc}. */
  public HttpUrl rpcUrl() {
    return new HttpUrl.Builder()
        .scheme("http")
        .host("127.0.0.1")
        .port(rpcPort)
        .addPathSegments("transmission/rpc")
        .build();
  }

  /** The BitTorrent port peers connect to ({@code 127.0.0.1:<port>}). */
  public int peerPort() {
    return peerPort;
  }

  /** Where torrents are downloaded. */
  public Path downloadDir() {
    return downloadDir;
  }

  /** Client settings pointing at this instance, with its login when it has one. */
  public TransmissionSettings settings(String clientName, SeedingGoals seeding) {
    return new TransmissionSettings(clientName, rpcUrl(), username, password, null, seeding);
  }

  /** The daemon's own output, for assertion messages. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and deletes its folders. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting; the hook runs anyway.
    }
    TempFolders.deleteRecursively(home);
  }

  private void awaitRpc() throws InterruptedException {
    Request probe =
        new Request.Builder()
            .url(rpcUrl())
            .post(RequestBody.create("{}", MediaType.get("application/json")))
            .build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      // Waiting on the process doubles as the pause between probes and notices an early exit.
      if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "transmission-daemon exited with " + process.exitValue() + " at start-up:\n" + log());
      }
      try (Response response = http.newCall(probe).execute()) {
        // 409 (session id handshake) without login, 401 with: either way RPC answers.
        if (response.code() == 409 || response.code() == 401) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep probing
      }
    }
    throw new IllegalStateException(
        "transmission-daemon RPC did not answer within " + STARTUP + ":\n" + log());
  }

  private static String settings(
      Path downloadDir, int rpcPort, int peerPort, String username, String password) {
    String auth =
        username == null
            ? "\"rpc-authentication-required\": false,\n"
            : "\"rpc-authentication-required\": true,\n"
                + "\"rpc-username\": \""
                + username
                + "\",\n\"rpc-password\": \""
                + password
                + "\",\n";
    return "{\n"
        + auth
        + "\"rpc-bind-address\": \"127.0.0.1\",\n"
        + "\"rpc-port\": "
        + rpcPort
        + ",\n"
        + "\"rpc-whitelist-enabled\": false,\n"
        + "\"rpc-host-whitelist-enabled\": false,\n"
        + "\"peer-port\": "
        + peerPort
        + ",\n"
        + "\"peer-port-random-on-start\": false,\n"
        + "\"bind-address-ipv4\": \"127.0.0.1\",\n"
        + "\"dht-enabled\": false,\n"
        + "\"lpd-enabled\": false,\n"
        + "\"pex-enabled\": false,\n"
        + "\"utp-enabled\": false,\n"
        + "\"port-forwarding-enabled\": false,\n"
        + "\"incomplete-dir-enabled\": false,\n"
        + "\"download-dir\": \""
        + downloadDir
        + "\",\n"
        + "\"message-level\": 2\n"
        + "}\n";
  }
}
