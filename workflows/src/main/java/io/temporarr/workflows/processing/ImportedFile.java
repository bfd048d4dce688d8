package io.temporarr.workflows.processing;

/**
 * @param method "hardlink", "copy" or "existing" (already imported by an earlier attempt)
 */
public record ImportedFile(String source, String target, String method) {}
