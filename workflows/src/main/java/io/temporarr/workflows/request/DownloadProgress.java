package io.temporarr.workflows.request;

/** Download progress as shown by the status query. */
public record DownloadProgress(
    String client, String id, String state, double progress, long amountLeft, String updatedAt) {}
