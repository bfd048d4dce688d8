package io.temporarr.activities.testing.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.activities.testing.docs.fixture.ShopApplication;
import io.temporarr.activities.testing.docs.fixture.Token;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The docs check on a small application: what it finds in the code, and that it can fail. */
class DocsCheckTest {

  private static final String KEYS_DOC =
      """
      # Configuration
      `shop.clock.enabled` turns the clock on.

      ## `shop` — the shop
      | key | default | meaning |
      |---|---|---|
      | `stall-timeout` | `30m` | how long a till may be silent |
      | `api-key` | | the shop's key |
      | `prices` / `tags` | | prices by article; free tags |
      | `opening.from` / `opening.to` | | opening hours |
      | `owner.name` | | who owns it |

      ### `shop.tills.<name>` — one till per name
      `url`, `password`.

      ### Shelves
      `shelves[].label`, `shelves[].height` (the heading names no prefix: `shop`'s applies).

      ```yaml
      shop:
        stall-timeout: 30m
      ```
      """;

  private static final String ENDPOINTS_DOC =
      """
      | Endpoint | What |
      |---|---|
      | `GET /api/shops` | list |
      | `GET /api/shops/{id}` | one shop |
      | `POST /api/shops/{id}/actions/retry` | an action |
      | `POST /webhooks/shop` | the webhook |
      | `/ping` | any method |
      """;

  @Test
  void walksRecordsMapsAndListsIntoDashedKeys() {
    assertThat(ConfigurationKeys.of(ShopApplication.class))
        .containsExactly(
            "shop.api-key",
            "shop.clock.enabled",
            "shop.opening.from",
            "shop.opening.to",
            "shop.owner.name",
            "shop.prices",
            "shop.shelves[].height",
            "shop.shelves[].label",
            "shop.stall-timeout",
            "shop.tags",
            "shop.tills.<name>.password",
            "shop.tills.<name>.url");
  }

  @Test
  void refusesPropertiesThatAreNotRecords() {
    assertThatThrownBy(() -> ConfigurationKeys.of("shop", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a record");
    assertThat(ConfigurationKeys.of("token", Token.class)).containsExactly("token.value");
  }

  @Test
  void findsEveryMappedEndpointButTheErrorPage() {
    assertThat(Endpoints.of(ShopApplication.class))
        .containsExactly(
            "/ping",
            "GET /api/shops",
            "GET /api/shops/{shopId}",
            "POST /api/shops/{shopId}/actions/{action}",
            "POST /webhooks/shop");
  }

  @Test
  void readsEveryModuleOfThePom() throws Exception {
    String pom =
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modules><module>workflows</module><module> worker </module></modules>
          <profiles><profile><modules><module>benchmarks</module></modules></profile></profiles>
        </project>
        """;
    assertThat(DocsCheck.modulesOf(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8))))
        .containsExactly("workflows", "worker", "benchmarks");
  }

  @Test
  void aModuleTheDocumentDoesNotNameIsReported() {
    List<String> modules = List.of("workflows", "worker", "benchmarks");
    String doc =
        "| `workflows` | Temporal only |\n| `worker/` | the app |\n| `benchmarks` | timed |\n";

    assertThat(DocsCheck.modulesMissing(modules, doc)).isEmpty();
    assertThat(DocsCheck.modulesMissing(modules, doc.replace("`benchmarks`", "benchmarks")))
        .containsExactly("benchmarks");
  }

  @Test
  void aKeyTheDocumentDoesNotNameIsReported() {
    DocsCheck keys = DocsCheck.configurationKeys(ShopApplication.class);

    assertThat(keys.missingFrom(KEYS_DOC)).isEmpty();
    assertThat(keys.missingFrom(KEYS_DOC.replace("| `stall-timeout` |", "| |")))
        .containsExactly("shop.stall-timeout");
    assertThat(keys.missingFrom(KEYS_DOC.replace("`url`, ", "")))
        .containsExactly("shop.tills.<name>.url");
  }

  @Test
  void theAssertionFailsOnAMissingNameAndOnATakenOutNameThatIsNotReported() {
    DocsCheck keys = DocsCheck.configurationKeys(ShopApplication.class);

    keys.assertNamed("keys", KEYS_DOC, "stall-timeout", "shop.stall-timeout");
    assertThatThrownBy(
            () ->
                keys.assertNamed(
                    "keys", KEYS_DOC.replace("`owner.name`", ""), "api-key", "shop.api-key"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("named in the code, not in keys")
        .hasMessageContaining("shop.owner.name");
    assertThatThrownBy(() -> keys.assertNamed("keys", KEYS_DOC, "api-key", "shop.stall-timeout"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("missing from keys without `api-key`");
  }

  @Test
  void namesCountOnlyInTheirSectionAndOutsideCodeBlocks() {
    List<String> keys = List.of("shop.stall-timeout", "shop.tills.<name>.url");
    String doc =
        """
        # Keys
        `stall-timeout` (no prefix here)
        ```
        `shop.stall-timeout`
        ```
        ## `other`
        `url`
        ## `shop.tills.<till>`
        `url`
        """;

    assertThat(DocsCheck.keysMissing(keys, doc)).containsExactly("shop.stall-timeout");
  }

  @Test
  void aPlaceholderNamesEverySegment() {
    List<String> keys = List.of("shop.tills.north.url", "shop.tills.south.url");

    assertThat(DocsCheck.keysMissing(keys, "`shop.tills.<till>.url`")).isEmpty();
    assertThat(DocsCheck.keysMissing(keys, "`shop.tills.north.url`"))
        .containsExactly("shop.tills.south.url");
  }

  @Test
  void anEndpointTheDocumentDoesNotNameIsReported() {
    DocsCheck endpoints = DocsCheck.endpoints(ShopApplication.class);

    assertThat(endpoints.missingFrom(ENDPOINTS_DOC)).isEmpty();
    assertThat(
            endpoints.missingFrom(
                ENDPOINTS_DOC.replace("`POST /api/shops/{id}/actions/retry`", "")))
        .containsExactly("POST /api/shops/{shopId}/actions/{action}");
  }

  @Test
  void anEndpointNeedsItsMethodAndEveryLiteralSegment() {
    List<String> endpoints = List.of("POST /webhooks/shop", "GET /api/shops/{shopId}");

    assertThat(
            DocsCheck.endpointsMissing(
                endpoints, "`GET /webhooks/shop`, `GET /api/shops/42?full=true`"))
        .containsExactly("POST /webhooks/shop");
    assertThat(DocsCheck.endpointsMissing(endpoints, "`POST /webhooks/shop`, `GET /api/{what}/42`"))
        .containsExactly("GET /api/shops/{shopId}");
  }
}
