package io.temporarr.activities.qbittorrent;

import static org.awaitility.Awaitility.await;

import io.temporarr.activities.http.HttpCalls;
import io.temporarr.activities.http.HttpClients;
import io.temporarr.activities.testing.TempFolders;
import io.temporarr.activities.testing.TemporalDevServer;
import io.temporarr.activities.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real {@code qbittorrent-nox} (Debian package, 4.5.x here) for real-stack tests: a fresh profile
 * folder per instance (a reused one would restore old torrents), WebUI and BitTorrent listen port
 * on free loopback ports, DHT/LSD/PeX off so only {@link QbittorrentClient#addPeers} introduces
 * peers. Without credentials the WebUI lets loopback in without login ({@code
 * LocalHostAuth=false}); {@link #startWithLogin} turns authentication on.
 *
 * <p>Public and in the activities test-jar for the worker's end-to-end suite:
 *
 * <pre>{@code
 * try (QbittorrentNox qbt = QbittorrentNox.start()) {
 *   QbittorrentClient client = new QbittorrentClient(http, qbt.settings("qbittorrent", "temporarr"));
 *   …
 * }
 * }</pre>
 *
 * Fails loudly (never skips) when the binary is missing or the WebUI does not come up.
 */
public final class QbittorrentNox implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final Thread killOnExit;
  private final Path profile;
  private final Path savePath;
  private final Path log;
  private final int webUiPort;
  private final int listenPort;
  private final String username;
  private final String password;
  private final OkHttpClient http = HttpClients.create();

  private QbittorrentNox(
      Process process,
      Path profile,
      Path savePath,
      Path log,
      int webUiPort,
      int listenPort,
      String username,
      String password) {
    this.process = process;
    this.profile = profile;
    this.savePath = savePath;
    this.log = log;
    this.webUiPort = webUiPort;
    this.listenPort = listenPort;
    this.username = username;
    this.password = password;
    this.killOnExit = new Thread(process::destroyForcibly, "qbittorrent-nox-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts an instance that lets loopback in without login. */
  public static QbittorrentNox start() throws IOException, InterruptedException {
    return launch(null, null);
  }

  /** Starts an instance that requires this WebUI login, also from loopback. */
  public static QbittorrentNox startWithLogin(String username, String password)
      throws IOException, InterruptedException {
    return launch(username, password);
  }

  private static QbittorrentNox launch(String username, String password)
      throws IOException, InterruptedException {
    String binary = Tools.require("qbittorrent-nox");
    Path profile = Files.createTempDirectory("qbittorrent-nox-");
    Path savePath = Files.createDirectories(profile.resolve("downloads"));
    Path config = Files.createDirectories(profile.resolve("qBittorrent/config"));
    int webUiPort = TemporalDevServer.freePort();
    int listenPort = TemporalDevServer.freePort();
    Files.writeString(
        config.resolve("qBittorrent.conf"),
        config(savePath, webUiPort, listenPort, username, password),
        StandardCharsets.UTF_8);
    Path log = profile.resolve("qbittorrent-nox.log");
    Process process =
        new ProcessBuilder(binary, "--profile=" + profile, "--webui-port=" + webUiPort)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    QbittorrentNox nox =
        new QbittorrentNox(
            process, profile, savePath, log, webUiPort, listenPort, username, password);
    try {
      nox.awaitWebUi();
    } catch (RuntimeException | InterruptedException e) {
      nox.close();
      throw e;
    }
    return nox;
  }

  /** The WebUI root, e.g. {@code http://127.0.0.1:40123/}. */
  public HttpUrl baseUrl() {
    return new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(webUiPort).build();
  }

  /** The BitTorrent listen port other instances connect to ({@code 127.0.0.1:<port>}). */
  public int listenPort() {
    return listenPort;
  }

  /** Where torrents are saved by default; a seeder's content goes here before adding. */
  public Path savePath() {
    return savePath;
  }

  /** Client settings pointing at this instance, with its login when it has one. */
  public QbittorrentSettings settings(String clientName, String category) {
    return new QbittorrentSettings(clientName, baseUrl(), username, password, null, category, null);
  }

  /**
   * Seeds a payload: copies its content into the save path, adds its .torrent and waits until the
   * instance has checked it complete. Returns a client for this instance.
   */
  public QbittorrentClient seed(TorrentPayload payload) throws IOException {
    payload.copyContentTo(savePath);
    QbittorrentClient client = new QbittorrentClient(http, settings("seeder", null));
    client.addTorrentFile(payload.name() + ".torrent", payload.torrentBytes(), List.of("seed"));
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                client.info(List.of(payload.infoHash())).stream()
                    .anyMatch(t -> t.progress() == 1.0 && t.amountLeft() == 0));
    return client;
  }

  /** Caps the instance's global upload rate ({@code transfer/setUploadLimit}); 0 = unlimited. */
  public void setUploadLimit(long bytesPerSecond) {
    post("transfer/setUploadLimit", "limit", Long.toString(bytesPerSecond));
  }

  /** Sets preferences ({@code app/setPreferences}), e.g. {@code {"queueing_enabled":true}}. */
  public void setPreferences(String json) {
    post("app/setPreferences", "json", json);
  }

  /** The instance's own output, for assertion messages. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Kills the process at once (SIGKILL), as a crash or a vanished peer would look. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and deletes the profile folder. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting; the hook runs anyway.
    }
    TempFolders.deleteRecursively(profile);
  }

  private void awaitWebUi() throws InterruptedException {
    HttpUrl version = baseUrl().newBuilder().addPathSegments("api/v2/app/webapiVersion").build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      // Waiting on the process doubles as the pause between probes and notices an early exit.
      if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "qbittorrent-nox exited with " + process.exitValue() + " at start-up:\n" + log());
      }
      try (Response response = http.newCall(new Request.Builder().url(version).build()).execute()) {
        // 200 without login, 403 with: either way the WebUI answers.
        if (response.code() == 200 || response.code() == 403) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep probing
      }
    }
    throw new IllegalStateException(
        "qbittorrent-nox WebUI did not answer within " + STARTUP + ":\n" + log());
  }

  private void post(String path, String name, String value) {
    HttpUrl url = baseUrl().newBuilder().addPathSegments("api/v2/" + path).build();
    Request.Builder request =
        new Request.Builder().url(url).post(new FormBody.Builder().add(name, value).build());
    if (username != null) {
      request.header("Cookie", login());
    }
    HttpCalls.executeDiscarding(http, request.build(), "qbittorrent-nox fixture");
  }

  private String login() {
    HttpUrl url = baseUrl().newBuilder().addPathSegments("api/v2/auth/login").build();
    Request request =
        new Request.Builder()
            .url(url)
            .post(
                new FormBody.Builder().add("username", username).add("password", password).build())
            .build();
    return HttpCalls.execute(
        http,
        request,
        "qbittorrent-nox fixture",
        response -> response.header("Set-Cookie", "").split(";", 2)[0]);
  }

  private static String config(
      Path savePath, int webUiPort, int listenPort, String username, String password) {
    String auth =
        username == null
            ? "WebUI\\LocalHostAuth=false\n"
            : "WebUI\\LocalHostAuth=true\n"
                + "WebUI\\Username="
                + username
                + "\n"
                + "WebUI\\Password_PBKDF2=\"@ByteArray("
                + pbkdf2(password)
                + ")\"\n";
    return String.join(
            "\n",
            List.of(
                "[LegalNotice]",
                "Accepted=true",
                "[BitTorrent]",
                "Session\\DefaultSavePath=" + savePath,
                "Session\\DHTEnabled=false",
                "Session\\LSDEnabled=false",
                "Session\\PeXEnabled=false",
                "Session\\Port=" + listenPort,
                "[Preferences]",
                "WebUI\\Port=" + webUiPort,
                "WebUI\\Address=127.0.0.1",
                "Connection\\PortRangeMin=" + listenPort,
                ""))
        + auth;
  }

  // qBittorrent 4.2+ stores "base64(salt):base64(PBKDF2-HMAC-SHA512, 100000 rounds, 64 bytes)".
  private static String pbkdf2(String password) {
    try {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      byte[] key =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
              .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 100_000, 512))
              .getEncoded();
      Base64.Encoder base64 = Base64.getEncoder();
      return base64.encodeToString(salt) + ":" + base64.encodeToString(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
