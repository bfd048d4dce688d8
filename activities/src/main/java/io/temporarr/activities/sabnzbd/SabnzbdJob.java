package io.temporarr.activities.sabnzbd;

/**
 * One job as SABnzbd lists it, in its queue (downloading) or its history (post-processing,
 * completed, failed).
 *
 * @param nzoId SABnzbd's id, e.g. {@code SABnzbd_nzo_p86tgx}
 * @param name the job name ({@code filename} in the queue, {@code name} in the history); a failed
 *     URL fetch appends the URL, which may hold an indexer key, so never report it as is
 * @param status SABnzbd's status name ({@code Downloading}, {@code Completed}, {@code Failed} …)
 * @param inHistory true for history entries
 * @param totalBytes size of the job, 0 when unknown (still grabbing the NZB)
 * @param bytesLeft bytes still to download (0 in the history)
 * @param storage the completed folder (history), else null
 * @param failMessage why the job failed (history), else null
 */
public record SabnzbdJob(
    String nzoId,
    String name,
    String status,
    boolean inHistory,
    long totalBytes,
    long bytesLeft,
    String storage,
    String failMessage) {}
