package io.temporarr.workflows.notify;

/**
 * @param path the library folder that changed (targeted rescan)
 */
public record LibraryRefresh(String workflowId, String path) {}
