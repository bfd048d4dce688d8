package io.temporarr.activities.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebApiVersionTest {

  @ParameterizedTest
  @CsvSource({
    "2.8.19, false", // qBittorrent 4.5
    "2.9.3, false", // 4.6
    "2.10.4, false",
    "2.11.0, true", // 5.0
    "2.11.2, true",
    "2.12, true",
    "3.0.0, true",
  })
  void stopAndStartArriveWithWebApi2_11(String text, boolean stopStart) {
    assertThat(WebApiVersion.parse(text).atLeast(WebApiVersion.STOP_START)).isEqualTo(stopStart);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "v2.8.19", "2.8.19.1", "2.x.1", "2.-1.0", "-2.1.0", "2.1.-3"})
  void anythingButMajorMinorPatchIsUnreadable(String text) {
    assertThat(WebApiVersion.parse(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"2.8.19, 2.8.19", " 2.11 , 2.11.0"})
  void printsAllThreeParts(String text, String printed) {
    assertThat(WebApiVersion.parse(text)).hasToString(printed);
  }
}
