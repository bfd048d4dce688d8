package io.temporarr.gateway.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The event types of version 1, each with its data record and published schema. */
enum EventType {
  /** Starts the request workflow. */
  MEDIA_REQUESTED("media.requested", MediaRequestedData.class),
  /** Runs the {@code cancel} update. */
  MEDIA_CANCELLED("media.cancelled", MediaCancelledData.class),
  /** Sends the {@code downloadFinished} signal. */
  DOWNLOAD_FINISHED("download.finished", DownloadFinishedData.class),
  /** Runs the {@code retry}, {@code skipRelease} or {@code cancel} update. */
  REQUEST_ACTION("request.action", RequestActionData.class);

  private final String type;
  private final Class<? extends Record> dataType;

  EventType(String type, Class<? extends Record> dataType) {
    this.type = type;
    this.dataType = dataType;
  }

  String type() {
    return type;
  }

  Class<? extends Record> dataType() {
    return dataType;
  }

  /** The file name of the schema of {@code data}, under {@code docs/events/}. */
  String schemaFile() {
    return type + ".v" + EventReader.SUPPORTED_MAJOR_VERSION + ".schema.json";
  }

  static Optional<EventType> of(String type) {
    return Arrays.stream(values()).filter(candidate -> candidate.type.equals(type)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(EventType::type).toList();
  }
}
