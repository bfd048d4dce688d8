package io.temporarr.worker.integrations;

import static io.temporarr.worker.integrations.CheckedSettings.checked;

import io.temporarr.activities.processing.FfprobeProber;
import io.temporarr.activities.processing.LibraryImporter;
import io.temporarr.activities.processing.LocalProcessingActivities;
import io.temporarr.activities.processing.MediaProber;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.worker.temporal.WorkerRegistration;
import io.temporarr.workflows.processing.ProcessingActivities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link ProcessingActivities} port: verification and import into the library roots. */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

  /**
   * ffprobe, unless another {@link MediaProber} bean is present (the sandbox's, which understands
   * its simulated media files).
   */
  @Bean(WorkerRegistration.PROCESSING_ACTIVITIES)
  LocalProcessingActivities processingActivities(
      IntegrationProperties properties, ObjectProvider<MediaProber> probers) {
    ProcessingProperties processing = properties.processing();
    if (processing == null) {
      throw new InvalidConfigurationException(
          "temporarr.processing",
          "is not configured",
          "Set temporarr.processing.library.movies and temporarr.processing.library.tv to the"
              + " library roots.");
    }
    if (processing.library().createMissing()) {
      createDirectories(processing.library().movies(), "temporarr.processing.library.movies");
      createDirectories(processing.library().tv(), "temporarr.processing.library.tv");
    }
    MediaProber prober =
        probers.getIfAvailable(
            () ->
                new FfprobeProber(Path.of(processing.ffprobePath()), processing.ffprobeTimeout()));
    return new LocalProcessingActivities(
        prober,
        checked("temporarr.processing.verification", processing::toVerificationSettings),
        new LibraryImporter(checked("temporarr.processing.naming", processing::toLibrarySettings)),
        checked("temporarr.processing.path-mappings", processing::toPathMappings));
  }

  private static void createDirectories(Path root, String key) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          key,
          "cannot create " + root + " (" + e.getClass().getSimpleName() + ")",
          "Point " + key + " at a writable folder.");
    }
  }
}
