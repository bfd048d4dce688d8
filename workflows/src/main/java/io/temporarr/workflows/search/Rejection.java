package io.temporarr.workflows.search;

/** A release the filter dropped and why (for the status query and the releases-rejected metric). */
public record Rejection(String title, String reason) {}
