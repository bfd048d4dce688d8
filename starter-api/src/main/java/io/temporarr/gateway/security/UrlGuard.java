package io.temporarr.gateway.security;

import io.temporarr.gateway.GatewayProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.lang.Nullable;

/**
 * SSRF guard for URLs that arrive inside payloads and that Temporarr will later fetch (the worker,
 * or anything acting on the payload). Without it, a sender could make Temporarr call its own admin
 * endpoints, the download client, or a cloud metadata service on the sender's behalf.
 *
 * <p>{@link #check(URI)} refuses, unless the allow list ({@code temporarr.gateway.ssrf.allow}) says
 * otherwise:
 *
 * <ul>
 *   <li>any scheme but {@code http} and {@code https}, and a URL without a host;
 *   <li>a host written as a number in any form but the canonical dotted quad ({@code 2130706433},
 *       {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}): parsers disagree on what these mean, so
 *       the address checked here might not be the one a client connects to — always refused;
 *   <li>a host any of whose addresses is unspecified, loopback, private (RFC 1918, fc00::/7,
 *       fec0::/10), shared (CGNAT 100.64.0.0/10), link-local (169.254.0.0/16, fe80::/10), multicast
 *       or reserved (0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4 with the broadcast
 *       address, 100::/64) — also when such an IPv4 address is embedded in an IPv6 one
 *       (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16). Names are resolved, so
 *       {@code localhost} or a public name pointing at 127.0.0.1 is refused too; a name that does
 *       not resolve is refused as well.
 * </ul>
 *
 * <p>The allow list holds exact host names (the URL's host must equal one, case-insensitively; its
 * addresses are then not checked), and addresses or CIDR ranges (an address inside one is
 * accepted). Numeric tricks and non-http schemes stay refused whatever the list says.
 *
 * <p><b>Redirects.</b> The guard checks one URL; it cannot see where that URL redirects. Whoever
 * fetches a checked URL must switch automatic redirects off and check every hop itself: resolve the
 * {@code Location} against the current URL with {@link #checkRedirect(URI, String)} (which checks
 * the result) before requesting it, with a bound on the number of hops.
 *
 * <p><b>DNS.</b> The guard resolves the host when it checks; the fetcher resolves again when it
 * connects, so a name whose answer changes in between (DNS rebinding) would slip through. A fetcher
 * should connect only to addresses it vetted at connect time, e.g. through a DNS hook that calls
 * {@link #checkAddress(String, InetAddress)} for every address it returns.
 *
 * <p>Failures are {@link UnsafeUrlException}s (422 problems) that never repeat the URL. The guard
 * is a bean ({@link ProtectionConfiguration}); inject it where a payload's URL is accepted.
 */
public class UrlGuard {
  private static final Set<String> SCHEMES = Set.of("http", "https");

  /** Canonical dotted quad: four decimal parts 0-255 without leading zeros. */
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** A host made only of decimal, octal or hex numbers: an IPv4 address in some other spelling. */
  private static final Pattern NUMERIC_HOST =
      Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*");

  private static final List<Range> FORBIDDEN =
      List.of(
          new Range("0.0.0.0/8", "an unspecified"),
          new Range("10.0.0.0/8", "a private"),
          new Range("100.64.0.0/10", "a shared (carrier-grade NAT)"),
          new Range("127.0.0.0/8", "a loopback"),
          new Range("169.254.0.0/16", "a link-local"),
          new Range("172.16.0.0/12", "a private"),
          new Range("192.0.0.0/24", "a reserved"),
          new Range("192.168.0.0/16", "a private"),
          new Range("198.18.0.0/15", "a reserved"),
          new Range("224.0.0.0/4", "a multicast"),
          new Range("240.0.0.0/4", "a reserved"),
          new Range("::/128", "an unspecified"),
          new Range("::1/128", "a loopback"),
          new Range("100::/64", "a reserved"),
          new Range("fc00::/7", "a private"),
          new Range("fe80::/10", "a link-local"),
          new Range("fec0::/10", "a private"),
          new Range("ff00::/8", "a multicast"));

  /**
   * IPv6 ranges whose last 32 bits are an IPv4 address. The IPv4-mapped range is spelled out in
   * bytes because the JDK turns every mapped literal into an IPv4 address while parsing it.
   */
  private static final List<Cidr> EMBEDS_IPV4_AT_END =
      List.of(
          new Cidr(
              new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96),
          Cidr.parse("::/96"),
          Cidr.parse("64:ff9b::/96"));

  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  /** Looks up the addresses of a host name; the JDK resolver outside tests. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<String> allowedHosts = new ArrayList<>();
  private final List<Cidr> allowedRanges = new ArrayList<>();
  private final Resolver resolver;

  public UrlGuard(GatewayProperties properties) {
    this(properties.ssrf().allow(), InetAddress::getAllByName);
  }

  UrlGuard(List<String> allow, Resolver resolver) {
    this.resolver = resolver;
    for (String entry : allow) {
      String value = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
      if (value.isEmpty()) {
        throw new IllegalArgumentException("temporarr.gateway.ssrf.allow has an empty entry");
      }
      if (value.contains("/") || literal(value) != null) {
        allowedRanges.add(Cidr.parse(value));
      } else {
        allowedHosts.add(withoutTrailingDot(value));
      }
    }
  }

  /**
   * Checks a URL given as text.
   *
   * @throws UnsafeUrlException when it is not a valid URL or {@link #check(URI)} refuses it
   */
  public void check(@Nullable String url) {
    check(parse(url));
  }

  /**
   * Checks a URL before anything fetches it (see the class comment for what is refused).
   *
   * @throws UnsafeUrlException when the URL must not be fetched
   */
  public void check(@Nullable URI uri) {
    if (uri == null) {
      throw new UnsafeUrlException("there is no URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new UnsafeUrlException("only http and https URLs are allowed");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new UnsafeUrlException("the URL has no valid host");
    }
    String host = withoutTrailingDot(uri.getHost().toLowerCase(Locale.ROOT));
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.contains("%")) {
      throw new UnsafeUrlException("IPv6 zone IDs are not allowed");
    }
    if (allowedHosts.contains(host)) {
      return;
    }
    if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
      throw new UnsafeUrlException(
          "the host is a number in a non-standard form; write IPv4 addresses as a.b.c.d");
    }
    for (InetAddress address : addresses(host)) {
      checkAddress(host, address);
    }
  }

  /**
   * Checks one redirect hop: resolves {@code location} (absolute or relative) against the URL that
   * answered with it, checks the result and returns it as the next URL to request.
   *
   * @throws UnsafeUrlException when the location is missing, invalid or refused
   */
  public URI checkRedirect(URI current, @Nullable String location) {
    if (location == null || location.isBlank()) {
      throw new UnsafeUrlException("the redirect has no location");
    }
    URI next = current.resolve(parse(location.strip()));
    check(next);
    return next;
  }

  /**
   * Checks one address a host name resolved to, for fetchers that vet addresses at connect time.
   *
   * @throws UnsafeUrlException when the address is in a refused range and not allow-listed
   */
  public void checkAddress(String host, InetAddress address) {
    if (allowedHosts.contains(withoutTrailingDot(host.toLowerCase(Locale.ROOT)))) {
      return;
    }
    if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
      return;
    }
    String kind = forbiddenKind(address);
    if (kind != null) {
      throw new UnsafeUrlException("the host resolves to " + kind + " address");
    }
  }

  private List<InetAddress> addresses(String host) {
    InetAddress literal = literal(host);
    if (literal != null) {
      return List.of(literal);
    }
    try {
      InetAddress[] resolved = resolver.resolve(host);
      if (resolved == null || resolved.length == 0) {
        throw new UnknownHostException(host);
      }
      return Arrays.asList(resolved);
    } catch (UnknownHostException e) {
      throw new UnsafeUrlException("the host does not resolve");
    }
  }

  @Nullable
  private static String forbiddenKind(InetAddress address) {
    for (Range range : FORBIDDEN) {
      if (range.cidr().contains(address)) {
        return range.kind();
      }
    }
    byte[] bytes = address.getAddress();
    if (bytes.length == 16) {
      for (Cidr embedding : EMBEDS_IPV4_AT_END) {
        if (embedding.contains(address)) {
          return forbiddenKind(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
        }
      }
      if (SIX_TO_FOUR.contains(address)) {
        return forbiddenKind(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
      }
    }
    return null;
  }

  private static URI parse(@Nullable String url) {
    if (url == null || url.isBlank()) {
      throw new UnsafeUrlException("there is no URL");
    }
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new UnsafeUrlException("it is not a valid URL");
    }
  }

  /**
   * The address a literal (canonical IPv4 or IPv6 without brackets) stands for, or null for a host
   * name. Never queries DNS.
   */
  @Nullable
  static InetAddress literal(String text) {
    try {
      if (DOTTED_QUAD.matcher(text).matches()) {
        byte[] bytes = new byte[4];
        String[] parts = text.split("\\.");
        for (int i = 0; i < 4; i++) {
          bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return InetAddress.getByAddress(bytes);
      }
      if (text.contains(":") && !text.contains("%")) {
        // Brackets make the JDK parse an IPv6 literal strictly instead of falling back to DNS.
        return InetAddress.getByName("[" + text + "]");
      }
      return null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress ipv4(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private record Range(Cidr cidr, String kind) {
    Range(String cidr, String kind) {
      this(Cidr.parse(cidr), kind);
    }
  }

  /** An address range; an IPv4 range never contains an IPv6 address and the other way round. */
  record Cidr(byte[] network, int prefixLength) {

    /**
     * @param text {@code address/prefix} or a single address
     * @throws IllegalArgumentException when it is neither
     */
    static Cidr parse(String text) {
      String[] parts = text.strip().split("/", -1);
      InetAddress address = parts.length <= 2 ? literal(parts[0]) : null;
      if (address == null) {
        throw new IllegalArgumentException(
            "not an IP address or CIDR range: " + text + " (host names need no prefix length)");
      }
      byte[] network = address.getAddress();
      int bits = network.length * 8;
      int prefix;
      try {
        prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length out of range in " + text);
      }
      return new Cidr(network, prefix);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (network[full] & mask);
    }
  }
}
