package io.temporarr.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Metadata;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.ServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporarr.worker.TemporarrWorkerApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's {@code spring.temporal.connection.*} settings of a cluster or Temporal Cloud (API
 * key, mTLS key and certificate files) reach the worker's Temporal client and the Operator API it
 * registers search attributes with; {@code temporarr.temporal.register-search-attributes=false}
 * skips that registration. docs/deployment.md shows the same settings.
 */
@Timeout(120)
class TemporalCloudSettingsTest {

  private static final String API_KEY = "test-api-key-not-a-secret";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path folder;

  @Test
  void anApiKeyIsSentAsBearerTokenOverTlsByTheClientAndTheOperatorApi() {
    try (ConfigurableApplicationContext app =
        startExternal(TestTemporal.freePort(), "--spring.temporal.connection.api-key=" + API_KEY)) {
      WorkflowServiceStubsOptions client = clientOptions(app);

      for (ServiceStubsOptions options :
          List.of(client, TemporalConfiguration.operatorOptions(client))) {
        assertThat(options.getEnableHttps()).isTrue();
        assertThat(authorizationHeaders(options)).containsExactly("Bearer " + API_KEY);
      }
    }
  }

  @Test
  void mtlsKeyAndCertificateFilesGiveTheClientAndTheOperatorApiAClientCertificate()
      throws Exception {
    Path key = folder.resolve("client.key");
    Path certificate = folder.resolve("client.pem");
    writePkcs8KeyAndCertificate(key, certificate);

    try (ConfigurableApplicationContext app =
        startExternal(
            TestTemporal.freePort(),
            "--spring.temporal.connection.mtls.key-file=" + key,
            "--spring.temporal.connection.mtls.cert-chain-file=" + certificate)) {
      WorkflowServiceStubsOptions client = clientOptions(app);

      assertThat(client.getSslContext()).isNotNull();
      assertThat(client.getSslContext().isClient()).isTrue();
      assertThat(TemporalConfiguration.operatorOptions(client).getSslContext())
          .isSameAs(client.getSslContext());
      assertThat(authorizationHeaders(client)).isEmpty();
    }
  }

  @Test
  void withoutSearchAttributeRegistrationStartUpGoesStraightToTheWorkers() throws Exception {
    int temporalPort = TestTemporal.freePort();
    try (ConfigurableApplicationContext app =
        startExternal(temporalPort, "--temporarr.temporal.register-search-attributes=false")) {
      TemporalStartup startup = app.getBean(TemporalStartup.class);

      await().until(() -> startup.lastError() != null);
      assertThat(startup.waitingFor())
          .isNotNull()
          .isNotEqualTo("register search attributes")
          .isIn("start workers", "start download monitors");

      try (TestServer.PortBoundTestServer server =
          TestServer.createPortBoundServer(temporalPort, true)) {
        startup.ready().get(60, TimeUnit.SECONDS);
        app.close(); // workers stop before the server goes away
      }
    }
  }

  private ConfigurableApplicationContext startExternal(int temporalPort, String... settings) {
    return new SpringApplicationBuilder(TemporarrWorkerApplication.class)
        .run(TestTemporal.externalWorkerArgs(temporalPort, folder, settings));
  }

  private static WorkflowServiceStubsOptions clientOptions(ConfigurableApplicationContext app) {
    return app.getBean(WorkflowClient.class).getWorkflowServiceStubs().getOptions();
  }

  private static List<String> authorizationHeaders(ServiceStubsOptions options) {
    List<String> values = new ArrayList<>();
    for (GrpcMetadataProvider provider : options.getGrpcMetadataProviders()) {
      Iterable<String> found = provider.getMetadata().getAll(AUTHORIZATION);
      if (found != null) {
        found.forEach(values::add);
      }
    }
    return values;
  }

  /**
   * A self-signed client key (PKCS#8 PEM) and certificate (PEM), the files Temporal Cloud's mTLS
   * set-up gives: keytool (part of every JDK) makes them, since the JDK has no certificate API.
   */
  private void writePkcs8KeyAndCertificate(Path key, Path certificate) throws Exception {
    Path keystore = folder.resolve("client.p12");
    String password = "changeit";
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=temporarr-worker",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      store.load(in, password.toCharArray());
    }
    Certificate cert = store.getCertificate("client");
    Files.writeString(
        key, pem("PRIVATE KEY", store.getKey("client", password.toCharArray()).getEncoded()));
    Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
