package io.temporarr.worker.activities;

import io.temporarr.activities.release.ReleaseCriteria;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What makes a release acceptable and better ({@code temporarr.release.*}).
 *
 * @param minSeeders fewest seeders a torrent may have (usenet is exempt)
 * @param minSize smallest acceptable size, e.g. {@code 500MB}; unset for no bound
 * @param maxSize largest acceptable size, e.g. {@code 40GB}; unset for no bound
 * @param requiredTerms a release must contain one of these (none: no requirement)
 * @param forbiddenTerms a release containing any of these is rejected
 * @param preferredTerms each one a release contains raises its rank
 * @param allowedQualities acceptable qualities (2160p, 1080p, 720p, 480p, unknown), most preferred
 *     first; empty accepts every quality
 */
public record ReleaseProperties(
    @PositiveOrZero @DefaultValue("1") int minSeeders,
    DataSize minSize,
    DataSize maxSize,
    List<String> requiredTerms,
    List<String> forbiddenTerms,
    List<String> preferredTerms,
    List<String> allowedQualities) {

  ReleaseCriteria toCriteria() {
    return new ReleaseCriteria(
        minSeeders,
        minSize == null ? null : minSize.toBytes(),
        maxSize == null ? null : maxSize.toBytes(),
        requiredTerms,
        forbiddenTerms,
        preferredTerms,
        allowedQualities);
  }
}
