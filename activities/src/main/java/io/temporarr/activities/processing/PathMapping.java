package io.temporarr.activities.processing;

import java.nio.file.Path;
import java.util.List;

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
