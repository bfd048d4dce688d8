package io.temporarr.benchmarks.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SpringStartupTest {

  @Test
  void readsBothFiguresOfTheStartedLine() throws IOException {
    String log =
        """
        2026-11-26T21:28:01.100Z  INFO 9635 --- [temporarr-gateway] [main] o.s.b.w.e.tomcat.TomcatWebServer : Tomcat started on port 8080
        2026-11-26T21:28:01.200Z  INFO 9635 --- [temporarr-gateway] [main] i.t.g.TemporarrGatewayApplication : Started TemporarrGatewayApplication in 7.412 seconds (process running for 8.03)
        """;

    assertThat(SpringStartup.parse(log)).isEqualTo(new SpringStartup(7.412, 8.03));
  }

  @Test
  void takesTheFirstStartWhenTheLogHoldsSeveral() throws IOException {
    String log =
        "Started A in 3.5 seconds (process running for 4)\n"
            + "Started A in 9.5 seconds (process running for 10)\n";

    assertThat(SpringStartup.parse(log)).isEqualTo(new SpringStartup(3.5, 4));
  }

  @Test
  void refusesALogOfAnApplicationThatNeverStarted() {
    assertThatThrownBy(() -> SpringStartup.parse("APPLICATION FAILED TO START\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Started");
  }
}
