package io.temporarr.worker.integrations;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's one HTTP client ({@code temporarr.http.*}).
 *
 * @param maxBodySize longest answer read from any service (download clients, media servers,
 *     notifiers); a longer one fails the call with a non-retryable {@code MalformedResponse}.
 *     Indexers have their own, smaller bound ({@code temporarr.search.max-answer-size})
 */
@Validated
@ConfigurationProperties(prefix = "temporarr.http")
public record HttpProperties(@NotNull @DefaultValue("64MB") DataSize maxBodySize) {}
