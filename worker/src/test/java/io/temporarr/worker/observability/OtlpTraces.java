package io.temporarr.worker.observability;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP/HTTP {@code ExportTraceServiceRequest} (protobuf) by field number, so tests need no
 * generated OTLP classes (the published ones need a newer protobuf runtime than Temporal's). Field
 * numbers: opentelemetry-proto {@code trace/v1/trace.proto} and {@code common/v1}.
 */
final class OtlpTraces {

  record Span(String name, String traceId, Map<String, String> attributes, String service) {}

  private OtlpTraces() {}

  static List<Span> spans(byte[] exportTraceServiceRequest) throws InvalidProtocolBufferException {
    List<Span> spans = new ArrayList<>();
    for (ByteString resourceSpans : children(exportTraceServiceRequest, 1)) {
      UnknownFieldSet resourceSet = UnknownFieldSet.parseFrom(resourceSpans);
      String service = null;
      for (ByteString resource : resourceSet.getField(1).getLengthDelimitedList()) {
        service = attributes(UnknownFieldSet.parseFrom(resource), 1).get("service.name");
      }
      for (ByteString scopeSpans : resourceSet.getField(2).getLengthDelimitedList()) {
        for (ByteString span :
            UnknownFieldSet.parseFrom(scopeSpans).getField(2).getLengthDelimitedList()) {
          UnknownFieldSet fields = UnknownFieldSet.parseFrom(span);
          spans.add(
              new Span(
                  string(fields, 5),
                  HexFormat.of()
                      .formatHex(fields.getField(1).getLengthDelimitedList().get(0).toByteArray()),
                  attributes(fields, 9),
                  service));
        }
      }
    }
    return spans;
  }

  private static List<ByteString> children(byte[] message, int field)
      throws InvalidProtocolBufferException {
    return UnknownFieldSet.parseFrom(message).getField(field).getLengthDelimitedList();
  }

  /** KeyValue {key = 1, value = 2: AnyValue {string_value = 1}}; other value types are left out. */
  private static Map<String, String> attributes(UnknownFieldSet owner, int field)
      throws InvalidProtocolBufferException {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (ByteString keyValue : owner.getField(field).getLengthDelimitedList()) {
      UnknownFieldSet pair = UnknownFieldSet.parseFrom(keyValue);
      List<ByteString> value = pair.getField(2).getLengthDelimitedList();
      if (!value.isEmpty()) {
        UnknownFieldSet anyValue = UnknownFieldSet.parseFrom(value.get(0));
        if (!anyValue.getField(1).getLengthDelimitedList().isEmpty()) {
          attributes.put(string(pair, 1), string(anyValue, 1));
        }
      }
    }
    return attributes;
  }

  private static String string(UnknownFieldSet fields, int field) {
    List<ByteString> values = fields.getField(field).getLengthDelimitedList();
    return values.isEmpty() ? null : values.get(0).toStringUtf8();
  }
}
