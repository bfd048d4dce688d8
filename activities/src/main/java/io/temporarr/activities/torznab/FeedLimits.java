package io.temporarr.activities.torznab;

/**
 * What one indexer answer may hold (issue 16, item 11): a hostile or broken indexer cannot make the
 * worker read, keep or hand to Temporal more than this.
 *
 * @param maxAnswerBytes longest caps or search answer read; a longer one fails that indexer's
 *     search with a non-retryable {@code MalformedResponse} (the other indexers still count)
 * @param maxItemsPerAnswer items kept of one answer, in feed order; the rest are skipped while
 *     parsing (never built in memory)
 * @param maxTitleLength longer titles are cut to this many characters
 */
public record FeedLimits(long maxAnswerBytes, int maxItemsPerAnswer, int maxTitleLength) {

  /**
   * 8 MiB (a page of 100 releases is about 100 KB), 100 items (the page size the search asks for),
   * 300 characters (release names stay well below 255).
   */
  public static final FeedLimits DEFAULTS = new FeedLimits(8L * 1024 * 1024, 100, 300);

  /**
   * Download links and guids longer than this skip their item: real ones (a magnet with its
   * trackers included) stay below 2 KB.
   */
  public static final int MAX_LINK_LENGTH = 4096;

  public FeedLimits {
    if (maxAnswerBytes < 1024) {
      throw new IllegalArgumentException("maxAnswerBytes must be at least 1 KiB");
    }
    if (maxItemsPerAnswer < 1) {
      throw new IllegalArgumentException("maxItemsPerAnswer must be at least 1");
    }
    if (maxTitleLength < 16) {
      throw new IllegalArgumentException("maxTitleLength must be at least 16");
    }
  }
}
