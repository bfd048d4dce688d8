package io.temporarr.workflows.processing;

/**
 * A verified video file.
 *
 * @param durationSeconds container duration reported by ffprobe
 */
public record MediaFile(
    String path,
    long sizeBytes,
    double durationSeconds,
    String videoCodec,
    int width,
    int height) {}
