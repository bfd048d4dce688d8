package io.temporarr.activities.sabnzbd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * SABnzbd's API as a state machine, answering in SABnzbd 4.x's JSON: {@code addurl} puts a job into
 * the queue; each queue listing that shows a job moves it one step along the plan given for its NZB
 * URL (downloading percentages, then Completed or Failed into the history).
 */
final class FakeSabnzbd extends Dispatcher {

  /** One step of a job's life. */
  record Step(String status, int percent, String failMessage) {
    static Step downloading(int percent) {
      return new Step("Downloading", percent, null);
    }

    static Step completed() {
      return new Step("Completed", 100, null);
    }

    static Step failed(String message) {
      return new Step("Failed", 0, message);
    }

    boolean finished() {
      return status.equals("Completed") || status.equals("Failed");
    }
  }

  private static final class Job {
    final String nzoId;
    final String name;
    final String category;
    final Deque<Step> plan;
    Step step = new Step("Grabbing", 0, null);

    Job(String nzoId, String name, String category, List<Step> plan) {
      this.nzoId = nzoId;
      this.name = name;
      this.category = category;
      this.plan = new ArrayDeque<>(plan);
    }
  }

  static final long JOB_BYTES = 4L * 1024 * 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();
  private final String apiKey;
  private final String completeDir;
  private final Map<String, List<Step>> plans = new LinkedHashMap<>();
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  final List<HttpUrl> requests = new CopyOnWriteArrayList<>();
  private int added;

  FakeSabnzbd(String apiKey, String completeDir) {
    this.apiKey = apiKey;
    this.completeDir = completeDir;
  }

  /** What happens to the job of this NZB URL once added. */
  synchronized FakeSabnzbd plan(String nzbUrl, Step... steps) {
    plans.put(nzbUrl, List.of(steps));
    return this;
  }

  /** A job added directly (by the user, say), named as given, at its plan's last step. */
  synchronized String hold(String name, Step... steps) {
    String nzoId = "SABnzbd_nzo_user" + ++added;
    Job job = new Job(nzoId, name, "movies", List.of());
    job.step = steps[steps.length - 1];
    jobs.put(nzoId, job);
    return nzoId;
  }

  /** The folder a completed job is stored in. */
  String storage(String jobName) {
    return completeDir + "/" + jobName;
  }

  synchronized List<String> jobNames() {
    return jobs.values().stream().map(job -> job.name).toList();
  }

  /** Requests of one mode (and name, e.g. {@code delete}), in order. */
  List<HttpUrl> requests(String mode, String name) {
    return requests.stream()
        .filter(url -> mode.equals(url.queryParameter("mode")))
        .filter(url -> name == null || name.equals(url.queryParameter("name")))
        .toList();
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    requests.add(url);
    if (!url.encodedPath().endsWith("/api")) {
      return new MockResponse.Builder().code(404).build();
    }
    if (!apiKey.equals(url.queryParameter("apikey"))) {
      return new MockResponse.Builder().code(403).body("API Key Incorrect").build();
    }
    String mode = String.valueOf(url.queryParameter("mode"));
    String name = url.queryParameter("name");
    return switch (mode) {
      case "addurl" -> addUrl(url);
      case "queue" -> "delete".equals(name) ? delete(url, false) : list(url, false);
      case "history" -> "delete".equals(name) ? delete(url, true) : list(url, true);
      default ->
          answer(json.createObjectNode().put("status", false).put("error", "not implemented"));
    };
  }

  private MockResponse addUrl(HttpUrl url) {
    String nzb = url.queryParameter("name");
    String nzoId = "SABnzbd_nzo_" + Integer.toString(1000 + ++added, 36);
    String name = url.queryParameter("nzbname");
    jobs.put(
        nzoId, new Job(nzoId, name, url.queryParameter("cat"), plans.getOrDefault(nzb, List.of())));
    ObjectNode answer = json.createObjectNode().put("status", true);
    answer.putArray("nzo_ids").add(nzoId);
    return answer(answer);
  }

  private MockResponse list(HttpUrl url, boolean history) {
    String ids = url.queryParameter("nzo_ids");
    List<String> wanted = ids == null ? List.of() : List.of(ids.split(","));
    String search = url.queryParameter("search");
    List<Job> listed = new ArrayList<>();
    for (Job job : jobs.values()) {
      if (!wanted.isEmpty() && !wanted.contains(job.nzoId)) {
        continue;
      }
      if (search != null
          && !job.name.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (!history) {
        // Every look at the queue that shows a job moves it on: a finished one leaves the queue.
        advance(job);
      }
      if (job.step.finished() == history) {
        listed.add(job);
      }
    }
    ObjectNode section = json.createObjectNode().put("version", "4.5.1");
    ArrayNode slots = section.putArray("slots");
    if (history) {
      // SABnzbd lists the history newest first.
      java.util.Collections.reverse(listed);
    }
    for (Job job : listed) {
      slots.add(history ? historySlot(job) : queueSlot(job));
    }
    ObjectNode answer = json.createObjectNode();
    answer.set(history ? "history" : "queue", section);
    return answer(answer);
  }

  private void advance(Job job) {
    if (!job.step.finished() && !job.plan.isEmpty()) {
      job.step = job.plan.poll();
    }
  }

  private ObjectNode queueSlot(Job job) {
    double mb = job.step.status().equals("Grabbing") ? 0 : JOB_BYTES / 1048576.0;
    double left = mb * (100 - job.step.percent()) / 100;
    return json.createObjectNode()
        .put("index", 0)
        .put("nzo_id", job.nzoId)
        .put("filename", job.name)
        .put("cat", job.category == null ? "*" : job.category)
        .put("status", job.step.status())
        .put("mb", String.format(Locale.ROOT, "%.2f", mb))
        .put("mbleft", String.format(Locale.ROOT, "%.2f", left))
        .put("percentage", Integer.toString(job.step.percent()))
        .put("timeleft", "0:10:00")
        .put("priority", "Normal");
  }

  private ObjectNode historySlot(Job job) {
    boolean completed = job.step.status().equals("Completed");
    return json.createObjectNode()
        .put("nzo_id", job.nzoId)
        .put("name", job.name)
        .put("category", job.category == null ? "*" : job.category)
        .put("status", job.step.status())
        .put("fail_message", job.step.failMessage() == null ? "" : job.step.failMessage())
        .put("storage", completed ? storage(job.name) : "")
        .put("bytes", completed ? JOB_BYTES : 0);
  }

  private MockResponse delete(HttpUrl url, boolean history) {
    Job job = jobs.get(url.queryParameter("value"));
    if (job != null && job.step.finished() == history) {
      jobs.remove(job.nzoId);
      if (!history) {
        ObjectNode answer = json.createObjectNode().put("status", true);
        answer.putArray("nzo_ids").add(job.nzoId);
        return answer(answer);
      }
    } else if (!history) {
      ObjectNode answer = json.createObjectNode().put("status", false);
      answer.putArray("nzo_ids");
      return answer(answer);
    }
    return answer(json.createObjectNode().put("status", true));
  }

  private MockResponse answer(ObjectNode body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json;charset=UTF-8")
        .body(body.toString())
        .build();
  }
}
