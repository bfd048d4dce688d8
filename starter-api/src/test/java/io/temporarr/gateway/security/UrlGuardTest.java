package io.temporarr.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporarr.gateway.problem.GatewayProblem;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class UrlGuardTest {
  /** A fake DNS: the tests never depend on the network. */
  private static final Map<String, List<String>> DNS =
      Map.of(
          "media.example.com", List.of("93.184.215.14"),
          "v6.example.com", List.of("2606:4700::1111"),
          "metadata.example.com", List.of("169.254.169.254"),
          "rebind.example.com", List.of("93.184.215.14", "10.0.0.5"),
          "jellyfin.lan", List.of("192.168.1.5"),
          "nas.lan", List.of("192.168.1.20"));

  private final UrlGuard guard = guard(List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://media.example.com/poster.jpg",
        "HTTP://MEDIA.EXAMPLE.COM./poster.jpg",
        "http://93.184.215.14/",
        "http://8.8.8.8:8080/path?query=1",
        "http://172.32.0.1/",
        "http://100.128.0.1/",
        "http://[2606:4700::1111]/",
        "https://v6.example.com/"
      })
  void publicHttpUrlsPass(String url) {
    assertThatCode(() -> guard.check(url)).doesNotThrowAnyException();
    assertThatCode(() -> guard.check(URI.create(url))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://media.example.com/file | only http and https",
        "file:///etc/passwd | only http and https",
        "gopher://media.example.com/ | only http and https",
        "javascript:alert(1) | only http and https",
        "//media.example.com/poster.jpg | only http and https",
        "http:///poster.jpg | no valid host",
        "http://127.0.0.1/ | loopback",
        "http://127.255.0.1:8080/ | loopback",
        "http://10.1.2.3/ | private",
        "http://172.16.0.1/ | private",
        "http://172.31.255.255/ | private",
        "http://192.168.1.10/ | private",
        "http://100.64.0.1/ | shared",
        "http://169.254.169.254/latest/meta-data/ | link-local",
        "http://0.0.0.0:8080/ | unspecified",
        "http://224.0.0.1/ | multicast",
        "http://255.255.255.255/ | reserved",
        "http://[::1]/ | loopback",
        "http://[0:0:0:0:0:0:0:1]/ | loopback",
        "http://[::]/ | unspecified",
        "http://[fc00::1]/ | private",
        "http://[fd12:3456::1]/ | private",
        "http://[fec0::1]/ | private",
        "http://[fe80::1]/ | link-local",
        "http://[fe80::1%25eth0]/ | zone IDs",
        "http://[ff02::1]/ | multicast",
        "http://[::ffff:127.0.0.1]/ | loopback",
        "http://[0:0:0:0:0:ffff:7f00:1]/ | loopback",
        "http://[::ffff:169.254.169.254]/ | link-local",
        "http://[::127.0.0.1]/ | loopback",
        "http://[64:ff9b::a00:1]/ | private",
        "http://[2002:7f00:1::]/ | loopback",
        "http://2130706433/ | non-standard form",
        "http://0x7f000001/ | non-standard form",
        "http://017700000001/ | non-standard form",
        "http://0177.0.0.1/ | non-standard form",
        "http://127.000.000.001/ | non-standard form",
        "http://0/ | non-standard form",
        "http://0x7f.1/ | no valid host",
        "http://127.1/ | no valid host",
        "http://metadata.example.com/ | link-local",
        "http://rebind.example.com/ | private",
        "http://unknown.invalid/ | does not resolve",
        "not a url | not a valid URL"
      })
  void unsafeUrlsAreRefusedWithTheReason(String url, String reason) {
    assertThatThrownBy(() -> guard.check(url))
        .isInstanceOfSatisfying(
            UnsafeUrlException.class,
            refused -> {
              assertThat(refused.reason()).contains(reason);
              assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
              assertThat(refused.getBody().getType()).isEqualTo(GatewayProblem.UNSAFE_URL);
            });
  }

  @Test
  void missingUrlIsRefused() {
    assertThatThrownBy(() -> guard.check((String) null)).isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> guard.check((URI) null)).isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> guard.check(" ")).isInstanceOf(UnsafeUrlException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/", "http://LOCALHOST./admin"})
  void namesResolvingToLoopbackAreRefusedThroughTheRealResolver(String url) {
    UrlGuard real = new UrlGuard(List.of(), InetAddress::getAllByName);

    assertThatThrownBy(() -> real.check(url))
        .isInstanceOfSatisfying(
            UnsafeUrlException.class, refused -> assertThat(refused.reason()).contains("loopback"));
  }

  @Test
  void theProblemNeverRepeatsTheUrlButCanNameTheField() {
    UnsafeUrlException refused =
        catchRefusal("http://127.0.0.1/?token=very-secret-token").inField("image");

    assertThat(refused.getBody().getDetail()).doesNotContain("very-secret-token", "127.0.0.1");
    assertThat(refused.getMessage()).doesNotContain("very-secret-token", "127.0.0.1");
    assertThat(refused.getBody().getProperties()).containsEntry("field", "image");
  }

  @Test
  void allowListedHostNamesSkipTheAddressCheckCaseInsensitively() {
    UrlGuard allowing = guard(List.of("Jellyfin.LAN"));

    assertThatCode(() -> allowing.check("http://jellyfin.lan:8096/Items"))
        .doesNotThrowAnyException();
    assertThatCode(() -> allowing.check("http://JELLYFIN.lan./")).doesNotThrowAnyException();
    assertThatThrownBy(() -> allowing.check("http://nas.lan/"))
        .isInstanceOf(UnsafeUrlException.class);
  }

  @Test
  void allowListedRangesAdmitAddressesInsideThemOnly() {
    UrlGuard allowing = guard(List.of("192.168.1.0/24", "fd00::/8", "10.9.8.7"));

    assertThatCode(() -> allowing.check("http://192.168.1.5/")).doesNotThrowAnyException();
    assertThatCode(() -> allowing.check("http://nas.lan/")).doesNotThrowAnyException();
    assertThatCode(() -> allowing.check("http://[fd00::5]/")).doesNotThrowAnyException();
    assertThatCode(() -> allowing.check("http://10.9.8.7/")).doesNotThrowAnyException();
    assertThatThrownBy(() -> allowing.check("http://192.168.2.5/"))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> allowing.check("http://10.9.8.6/"))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> allowing.check("http://[fc00::5]/"))
        .isInstanceOf(UnsafeUrlException.class);
  }

  @Test
  void theAllowListNeverLiftsTheSchemeOrNumericTrickRules() {
    UrlGuard allowing = guard(List.of("127.0.0.0/8"));

    assertThatCode(() -> allowing.check("http://127.0.0.1:9000/")).doesNotThrowAnyException();
    assertThatThrownBy(() -> allowing.check("ftp://127.0.0.1/"))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> allowing.check("http://2130706433/"))
        .isInstanceOf(UnsafeUrlException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/8/8", "nas.lan/24"})
  void invalidAllowListEntriesFailAtStartup(String entry) {
    assertThatThrownBy(() -> guard(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyRedirectHopIsResolvedAgainstTheCurrentUrlAndChecked() {
    URI current = URI.create("https://media.example.com/posters/a.jpg");

    assertThat(guard.checkRedirect(current, "/posters/b.jpg"))
        .isEqualTo(URI.create("https://media.example.com/posters/b.jpg"));
    assertThat(guard.checkRedirect(current, "https://v6.example.com/c.jpg"))
        .isEqualTo(URI.create("https://v6.example.com/c.jpg"));
    assertThatThrownBy(() -> guard.checkRedirect(current, "http://127.0.0.1/admin"))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> guard.checkRedirect(current, "//169.254.169.254/latest"))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> guard.checkRedirect(current, "file:///etc/passwd"))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatThrownBy(() -> guard.checkRedirect(current, null))
        .isInstanceOfSatisfying(
            UnsafeUrlException.class, refused -> assertThat(refused.reason()).contains("location"));
  }

  @Test
  void connectTimeHooksCanVetEachResolvedAddress() throws Exception {
    UrlGuard allowing = guard(List.of("jellyfin.lan"));

    assertThatThrownBy(
            () -> guard.checkAddress("rebind.example.com", InetAddress.getByName("10.0.0.5")))
        .isInstanceOf(UnsafeUrlException.class);
    assertThatCode(
            () -> guard.checkAddress("media.example.com", InetAddress.getByName("93.184.215.14")))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> allowing.checkAddress("Jellyfin.lan", InetAddress.getByName("192.168.1.5")))
        .doesNotThrowAnyException();
  }

  private UnsafeUrlException catchRefusal(String url) {
    try {
      guard.check(url);
    } catch (UnsafeUrlException refused) {
      return refused;
    }
    throw new AssertionError("expected " + url + " to be refused");
  }

  private static UrlGuard guard(List<String> allow) {
    return new UrlGuard(allow, UrlGuardTest::resolve);
  }

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    List<String> addresses = DNS.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    InetAddress[] resolved = new InetAddress[addresses.size()];
    for (int i = 0; i < resolved.length; i++) {
      // Literals only: InetAddress.getByName does no lookup for them.
      resolved[i] = InetAddress.getByName(addresses.get(i));
    }
    return resolved;
  }
}
