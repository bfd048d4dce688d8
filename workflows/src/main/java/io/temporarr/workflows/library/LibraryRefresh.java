package io.temporarr.workflows.library;

/**
 * @param path the library folder that changed (targeted rescan)
 */
public record LibraryRefresh(String workflowId, String path) {}
