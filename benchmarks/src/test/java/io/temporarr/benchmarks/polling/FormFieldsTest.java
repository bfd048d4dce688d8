package io.temporarr.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.FormBody;
import okhttp3.MultipartBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

  @Test
  void readsAnUrlEncodedFormAsOkHttpSendsIt() throws Exception {
    FormBody body =
        new FormBody.Builder()
            .add("hashes", "a|b")
            .add("deleteFiles", "true")
            .add("x", "é &")
            .build();
    Buffer buffer = new Buffer();
    body.writeTo(buffer);

    assertThat(FormFields.parse(body.contentType().toString(), buffer.readUtf8()))
        .containsEntry("hashes", "a|b")
        .containsEntry("deleteFiles", "true")
        .containsEntry("x", "é &");
  }

  @Test
  void readsAMultipartFormAsOkHttpSendsIt() throws Exception {
    MultipartBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("urls", "magnet:?xt=urn:btih:abc\nmagnet:?xt=urn:btih:def")
            .addFormDataPart("tags", "media-request:bench:1")
            .addFormDataPart("paused", "false")
            .build();
    Buffer buffer = new Buffer();
    body.writeTo(buffer);

    assertThat(FormFields.parse(body.contentType().toString(), buffer.readUtf8()))
        .containsEntry("urls", "magnet:?xt=urn:btih:abc\nmagnet:?xt=urn:btih:def")
        .containsEntry("tags", "media-request:bench:1")
        .containsEntry("paused", "false")
        .hasSize(3);
  }

  @Test
  void otherOrMissingBodiesHaveNoFields() {
    assertThat(FormFields.parse(null, "a=b")).isEmpty();
    assertThat(FormFields.parse("application/json", "{\"a\":1}")).isEmpty();
    assertThat(FormFields.parse("application/x-www-form-urlencoded", "")).isEmpty();
    assertThat(FormFields.parse("multipart/form-data", "no boundary")).isEmpty();
  }
}
