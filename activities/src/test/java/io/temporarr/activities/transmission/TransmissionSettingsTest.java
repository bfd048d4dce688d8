package io.temporarr.activities.transmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.temporarr.activities.download.SeedingGoals;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class TransmissionSettingsTest {

  private static final HttpUrl RPC = HttpUrl.get("http://127.0.0.1:9091/transmission/rpc");

  @Test
  void toStringNamesTheAuthKindButNeverThePassword() {
    TransmissionSettings login =
        new TransmissionSettings("transmission", RPC, "admin", "hunter2", "/data", null);
    TransmissionSettings open =
        new TransmissionSettings("transmission", RPC, null, null, null, null);

    assertThat(login.toString()).contains("basic(admin)", "/data").doesNotContain("hunter2");
    assertThat(open.toString()).contains("auth=none");
  }

  @Test
  void withoutSeedingGoalsImportedTorrentsAreKept() {
    assertThat(new TransmissionSettings("t", RPC, null, null, null, null).seeding())
        .isEqualTo(SeedingGoals.KEEP);
  }

  @Test
  void rejectsIncompleteSettings() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TransmissionSettings(" ", RPC, null, null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TransmissionSettings(null, RPC, null, null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TransmissionSettings("t", null, null, null, null, null))
        .withMessageContaining("/transmission/rpc");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TransmissionSettings("t", RPC, "admin", null, null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TransmissionSettings("t", RPC, null, "pw", null, null));
  }
}
