package io.temporarr.workflows.download;

import java.time.Duration;

/**
 * Input of the shared per-client monitor.
 *
 * @param client configured download client name
 * @param pollInterval time between two polls (Temporal timer)
 * @param cursor where the previous run stopped (carried over continue-as-new), 0 to start fresh
 */
public record DownloadMonitorInput(String client, Duration pollInterval, long cursor) {}
