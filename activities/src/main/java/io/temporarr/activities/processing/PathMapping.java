package io.temporarr.activities.processing;

import io.temporal.failure.ApplicationFailure;
import io.temporarr.workflows.common.ErrorTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Translates a path as the download client reports it into the same path on this worker, e.g.
 * {@code /downloads} in the client's container is {@code /mnt/media/downloads} here. Prefixes match
 * whole path components; a client prefix written with backslashes marks a Windows client, whose
 * separators are converted.
 */
public record PathMapping(String clientPrefix, String localPrefix) {

  public PathMapping {
    if (clientPrefix == null
        || clientPrefix.isBlank()
        || localPrefix == null
        || localPrefix.isBlank()) {
      throw new IllegalArgumentException("path mapping needs a client and a local prefix");
    }
    clientPrefix = stripTrailingSeparators(clientPrefix);
  }

  /** Applies the longest matching mapping; a path no mapping matches is used as it is. */
  public static Path toLocal(String clientPath, List<PathMapping> mappings) {
    PathMapping best = null;
    for (PathMapping mapping : mappings) {
      if (mapping.matches(clientPath)
          && (best == null || mapping.clientPrefix.length() > best.clientPrefix.length())) {
        best = mapping;
      }
    }
    return best == null ? Path.of(clientPath) : best.apply(clientPath);
  }

  /** A {@code ..} path segment, with either separator. */
  private static final Pattern PARENT_SEGMENT = Pattern.compile("(^|[/\\\\])\\.\\.([/\\\\]|$)");

  /**
   * {@link #toLocal}, normalised and confined: a client path with a {@code ..} segment is refused
   * (no client reports one), and when a mapping applies, the path and what it really is (symbolic
   * links resolved) must stay under the mapping's local prefix, the client's mapped save path.
   *
   * @throws ApplicationFailure {@code UnsafePath} (non-retryable) when the path leaves it
   * @throws IOException when the path exists but cannot be resolved
   */
  public static Path toLocalConfined(String clientPath, List<PathMapping> mappings)
      throws IOException {
    if (PARENT_SEGMENT.matcher(clientPath).find()) {
      throw unsafe("content path " + clientPath + " has a '..' segment");
    }
    Path local = toLocal(clientPath, mappings).toAbsolutePath().normalize();
    PathMapping mapping =
        mappings.stream()
            .filter(candidate -> candidate.matches(clientPath))
            .max((a, b) -> Integer.compare(a.clientPrefix.length(), b.clientPrefix.length()))
            .orElse(null);
    if (mapping == null) {
      return local;
    }
    Path root = Path.of(mapping.localPrefix).toAbsolutePath().normalize();
    if (!local.startsWith(root)) {
      throw unsafe("content path " + clientPath + " is outside the mapped save path " + root);
    }
    if (Files.exists(local) && Files.exists(root)) {
      Path real = local.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        throw unsafe("content path " + clientPath + " leads outside " + root + " through a link");
      }
    }
    return local;
  }

  static ApplicationFailure unsafe(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ErrorTypes.UNSAFE_PATH);
  }

  boolean matches(String clientPath) {
    if (!clientPath.startsWith(clientPrefix)) {
      return false;
    }
    if (clientPath.length() == clientPrefix.length() || clientPrefix.isEmpty()) {
      return true;
    }
    char next = clientPath.charAt(clientPrefix.length());
    return next == '/' || next == '\\';
  }

  Path apply(String clientPath) {
    String rest = clientPath.substring(clientPrefix.length());
    if (clientPrefix.contains("\\")) {
      rest = rest.replace('\\', '/');
    }
    rest = rest.replaceFirst("^/+", "");
    Path local = Path.of(localPrefix);
    return rest.isEmpty() ? local : local.resolve(rest);
  }

  private static String stripTrailingSeparators(String prefix) {
    // "/" becomes "", which matches (and maps) every absolute path.
    return prefix.replaceFirst("[/\\\\]+$", "");
  }
}
