package io.temporarr.workflows.request.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Event ids of signals and updates already applied, so a redelivered event is ignored. Bounded
 * (oldest dropped): repeats come from retried webhook deliveries within minutes, not days later.
 */
final class AppliedEvents {
  private final int capacity;
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();

  AppliedEvents(int capacity, Collection<String> initial) {
    this.capacity = capacity;
    initial.forEach(this::add);
  }

  /** True when this id was seen before. A null id can never be recognised, so it never is. */
  boolean contains(String eventId) {
    return eventId != null && ids.contains(eventId);
  }

  /** Records the id; false when it was already applied (the caller then ignores the event). */
  boolean add(String eventId) {
    if (eventId == null) {
      return true;
    }
    if (!ids.add(eventId)) {
      return false;
    }
    while (ids.size() > capacity) {
      ids.remove(ids.iterator().next());
    }
    return true;
  }

  List<String> toList() {
    return new ArrayList<>(ids);
  }
}
