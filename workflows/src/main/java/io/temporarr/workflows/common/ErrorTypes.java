package io.temporarr.workflows.common;

import java.util.Set;

/**
 * Application failure types raised by activities. The only place these strings may appear; retry
 * policies (declarative config) and the workflow's failure handling refer to these names.
 */
public final class ErrorTypes {
  // HTTP outcomes (see activities' HttpFailures for the mapping).
  public static final String BAD_REQUEST = "BadRequest"; // 400, non-retryable
  public static final String UNAUTHORIZED = "Unauthorized"; // 401, non-retryable
  public static final String FORBIDDEN = "Forbidden"; // 403, non-retryable
  public static final String NOT_FOUND = "NotFound"; // 404, non-retryable
  public static final String UNPROCESSABLE = "Unprocessable"; // 422, non-retryable
  public static final String REQUEST_TIMEOUT = "RequestTimeout"; // 408, retryable
  public static final String RATE_LIMITED = "RateLimited"; // 429, retryable (Retry-After honoured)
  public static final String SERVER_ERROR = "ServerError"; // 5xx, retryable
  public static final String NETWORK_ERROR = "NetworkError"; // IO, retryable
  public static final String UNEXPECTED_STATUS = "UnexpectedStatus"; // other codes, non-retryable
  public static final String MALFORMED_RESPONSE = "MalformedResponse"; // body unparseable

  // Domain failures.
  public static final String INDEXER_ERROR = "IndexerError"; // Torznab <error code=…>
  public static final String DOWNLOAD_REJECTED = "DownloadRejected"; // client refused the release
  public static final String INVALID_RELEASE = "InvalidRelease"; // no usable link / hash
  public static final String CORRUPT_MEDIA = "CorruptMedia"; // ffprobe verification failed
  public static final String NO_VIDEO_FILE = "NoVideoFile"; // download holds no main video
  public static final String IMPORT_CONFLICT = "ImportConflict"; // a different file is in the way
  public static final String CONFIGURATION = "ConfigurationError"; // missing or invalid settings
  public static final String UNSAFE_PATH = "UnsafePath"; // escapes the download or is a symlink

  /**
   * Every failure type above: the vocabulary the worker checks {@code non-retryable-error-types}
   * against. A constant added above belongs here too (ErrorTypesTest checks it).
   */
  public static final Set<String> ALL =
      Set.of(
          BAD_REQUEST,
          UNAUTHORIZED,
          FORBIDDEN,
          NOT_FOUND,
          UNPROCESSABLE,
          REQUEST_TIMEOUT,
          RATE_LIMITED,
          SERVER_ERROR,
          NETWORK_ERROR,
          UNEXPECTED_STATUS,
          MALFORMED_RESPONSE,
          INDEXER_ERROR,
          DOWNLOAD_REJECTED,
          INVALID_RELEASE,
          CORRUPT_MEDIA,
          NO_VIDEO_FILE,
          IMPORT_CONFLICT,
          CONFIGURATION,
          UNSAFE_PATH);

  /** Failures the workflow answers by blocklisting the release and trying the next one. */
  public static final Set<String> RELEASE_FAULTS =
      Set.of(CORRUPT_MEDIA, NO_VIDEO_FILE, DOWNLOAD_REJECTED, INVALID_RELEASE);

  private ErrorTypes() {}
}
