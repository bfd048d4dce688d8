package io.temporarr.worker.integrations;

import io.temporarr.activities.http.HttpClients;
import io.temporarr.worker.InvalidConfigurationException;
import io.temporarr.worker.temporal.WorkerRegistration;
import okhttp3.OkHttpClient;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Builds the activity implementations of the activities module from {@code temporarr.*}, one
 * configuration per port (imported below); this one holds what they share: the bound {@link
 * IntegrationProperties} and the one HTTP client. The bean names are those {@link
 * WorkerRegistration} registers on the task queue. Settings the activities module rejects stop
 * start-up with the offending key ({@link InvalidConfigurationException}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntegrationProperties.class, HttpProperties.class})
@Import({
  SearchConfiguration.class,
  DownloadConfiguration.class,
  ProcessingConfiguration.class,
  NotificationConfiguration.class,
  LibraryConfiguration.class
})
public class IntegrationsConfiguration {

  @Bean
  @ConfigurationPropertiesBinding
  static HttpUrlConverter httpUrlConverter() {
    return new HttpUrlConverter();
  }

  /** One shared client: every activity specialises it, so they share pool and dispatcher. */
  @Bean
  OkHttpClient temporarrHttpClient(HttpProperties http) {
    return CheckedSettings.checked(
        "temporarr.http.max-body-size", () -> HttpClients.create(http.maxBodySize().toBytes()));
  }
}
