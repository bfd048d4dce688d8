package io.temporarr.activities.http;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * The worker's SSRF guard for URLs that did not come from its configuration: release download links
 * an indexer handed out, and every redirect they lead to (issue 16, item 10). Without it an indexer
 * could make the worker (or SABnzbd) call the download client's API, a cloud metadata service or
 * anything else on the worker's network.
 *
 * <p>A link is refused when its host is, or resolves to, an address that is unspecified, loopback,
 * private (RFC 1918, {@code fc00::/7}, {@code fec0::/10}), shared (CGNAT {@code 100.64.0.0/10}),
 * link-local ({@code 169.254.0.0/16} — cloud metadata — , {@code fe80::/10}), multicast or reserved
 * ({@code 0.0.0.0/8}, {@code 192.0.0.0/24}, {@code 198.18.0.0/15}, {@code 240.0.0.0/4}, {@code
 * 100::/64}), also when such an IPv4 address is embedded in an IPv6 one (compatible, NAT64 {@code
 * 64:ff9b::/96}, 6to4 {@code 2002::/16}); when the host does not resolve; and when the scheme is
 * not http(s). Allowed: hosts named exactly (a configured indexer's host is always one, so Prowlarr
 * on the LAN keeps working) and addresses inside allowed ranges.
 *
 * <p>{@link #check} runs before each request and each redirect hop; {@link #dns()} checks again the
 * addresses the client actually connects to, so a name whose answer changes in between (DNS
 * rebinding) is refused too.
 *
 * <p>Why not the gateway's {@code UrlGuard}: starter-api does not depend on activities (nor the
 * other way round), and the worker's guard answers in Temporal failures (a non-retryable {@code
 * InvalidRelease}, so the release is blocklisted) and plugs into OkHttp's DNS, where the gateway's
 * answers 422 problems.
 */
public final class LinkGuard {

  private static final LinkGuard PERMISSIVE =
      new LinkGuard(Set.of(), List.of(Range.parse("0.0.0.0/0"), Range.parse("::/0")), Dns.SYSTEM);

  private final Set<String> allowedHosts;
  private final List<Range> allowedRanges;
  private final Dns resolver;

  private LinkGuard(Set<String> allowedHosts, List<Range> allowedRanges, Dns resolver) {
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.allowedRanges = List.copyOf(allowedRanges);
    this.resolver = resolver;
  }

  /**
   * @param allowed exact host names, IP addresses or CIDR ranges links may point to although they
   *     are (or resolve to) a refused address; configured indexers' hosts belong here
   * @throws IllegalArgumentException for an empty entry or a malformed range
   */
  public static LinkGuard allowing(Collection<String> allowed) {
    return allowing(allowed, Dns.SYSTEM);
  }

  /** As above, resolving names with {@code resolver} (tests). */
  public static LinkGuard allowing(Collection<String> allowed, Dns resolver) {
    Set<String> hosts = new HashSet<>();
    List<Range> ranges = new ArrayList<>();
    for (String entry : allowed) {
      String value = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
      if (value.isEmpty()) {
        throw new IllegalArgumentException("an allowed link host is empty");
      }
      if (value.contains("/") || isLiteral(value)) {
        ranges.add(Range.parse(value));
      } else {
        hosts.add(value.endsWith(".") ? value.substring(0, value.length() - 1) : value);
      }
    }
    return new LinkGuard(hosts, ranges, resolver);
  }

  /** Allows every address: for tools and tests that fetch links they trust. */
  public static LinkGuard permissive() {
    return PERMISSIVE;
  }

  /**
   * Checks a link (or a redirect's target) before it is requested or handed on.
   *
   * @throws ApplicationFailure non-retryable {@code InvalidRelease} naming the host and why; never
   *     the URL (it may carry a key)
   */
  public void check(HttpUrl url) {
    if (url == null) {
      throw refused("the download link is not an http(s) URL");
    }
    String host = url.host().toLowerCase(Locale.ROOT);
    if (allowedHosts.contains(host)) {
      return;
    }
    List<InetAddress> addresses;
    try {
      addresses = isLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.lookup(host);
    } catch (UnknownHostException e) {
      throw refused("the download link's host " + host + " does not resolve");
    }
    String reason = refusal(host, addresses);
    if (reason != null) {
      throw refused(reason);
    }
  }

  /**
   * A resolver that refuses, with a {@link RefusedAddressException}, a name resolving to an address
   * {@link #check} would refuse: what the client connects to is what was checked.
   */
  public Dns dns() {
    return host -> {
      List<InetAddress> addresses = resolver.lookup(host);
      if (!allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
        String reason = refusal(host, addresses);
        if (reason != null) {
          throw new RefusedAddressException(reason);
        }
      }
      return addresses;
    };
  }

  /** Why the host's addresses are refused, or null when each is public or allowed. */
  private String refusal(String host, List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      return "the download link's host " + host + " does not resolve";
    }
    for (InetAddress address : addresses) {
      String kind = kind(address);
      if (kind != null && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
        return "the download link's host "
            + host
            + " is "
            + kind
            + " address; allow it with temporarr.search.allowed-link-hosts";
      }
    }
    return null;
  }

  /** "a loopback", "a private" …: what makes the address refused, or null for a public one. */
  static String kind(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      InetAddress embedded = embeddedIpv4(b);
      if (embedded != null) {
        return kind(embedded);
      }
    }
    if (address.isAnyLocalAddress()) {
      return "an unspecified";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local";
    }
    if (address.isSiteLocalAddress()) {
      return "a private";
    }
    if (address.isMulticastAddress()) {
      return "a multicast";
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (address instanceof Inet4Address) {
      if (first == 100 && (second & 0xc0) == 64) {
        return "a shared (carrier-grade NAT)";
      }
      boolean reserved =
          first == 0
              || first >= 240
              || (first == 192 && second == 0 && b[2] == 0)
              || (first == 198 && (second & 0xfe) == 18);
      return reserved ? "a reserved" : null;
    }
    if ((first & 0xfe) == 0xfc) {
      return "a private";
    }
    boolean discardOnly = first == 1 && b[1] == 0 && allZero(b, 2, 8);
    return discardOnly ? "a reserved" : null;
  }

  /**
   * The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}) or
   * 6to4 ({@code 2002::/16}) address; IPv4-mapped ones reach us as IPv4 already.
   */
  private static InetAddress embeddedIpv4(byte[] b) {
    try {
      if (allZero(b, 0, 12) && !allZero(b, 12, 16)) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
      }
      if (b[0] == 0
          && b[1] == 0x64
          && (b[2] & 0xff) == 0xff
          && (b[3] & 0xff) == 0x9b
          && allZero(b, 4, 12)) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
      }
      return null;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An IP address as OkHttp would take it: an IPv6 literal or four dotted decimal numbers. */
  private static boolean isLiteral(String host) {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static ApplicationFailure refused(String reason) {
    return ApplicationFailure.newNonRetryableFailure(reason, ErrorTypes.INVALID_RELEASE);
  }

  /** The resolver refused an address: the connection was never opened. */
  public static final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String reason) {
      super(reason);
    }
  }

  /** An address range; an IPv4 range never contains an IPv6 address and the other way round. */
  private record Range(byte[] network, int prefix) {

    static Range parse(String text) {
      String[] parts = text.split("/", -1);
      String address = parts[0].startsWith("[") ? parts[0].replaceAll("[\\[\\]]", "") : parts[0];
      if (parts.length > 2 || !isLiteral(address)) {
        throw new IllegalArgumentException("not a host name, address or CIDR range: " + text);
      }
      byte[] network;
      try {
        network = InetAddress.getByName(address).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + text, e);
      }
      int bits = network.length * 8;
      int prefix;
      try {
        prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a prefix length: " + text, e);
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length out of range: " + text);
      }
      return new Range(network, prefix);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
