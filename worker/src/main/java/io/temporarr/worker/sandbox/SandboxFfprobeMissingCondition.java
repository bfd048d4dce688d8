package io.temporarr.worker.sandbox;

import io.temporarr.worker.sandbox.SandboxProperties.SimulatedProbe;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Part of the sandbox, a simulator for the embedded default, never used against real services:
 * matches when {@link SandboxMediaProber} should stand in for ffprobe, i.e. {@code
 * temporarr.sandbox.simulated-probe} is {@code always}, or {@code when-ffprobe-missing} (the
 * default) and no executable {@code ffprobe} is on the PATH.
 */
final class SandboxFfprobeMissingCondition extends SpringBootCondition {

  static final String PROPERTY = "temporarr.sandbox.simulated-probe";

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    SimulatedProbe mode =
        Binder.get(context.getEnvironment())
            .bind(PROPERTY, SimulatedProbe.class)
            .orElse(SimulatedProbe.WHEN_FFPROBE_MISSING);
    return switch (mode) {
      case ALWAYS -> ConditionOutcome.match(PROPERTY + "=always");
      case NEVER -> ConditionOutcome.noMatch(PROPERTY + "=never");
      case WHEN_FFPROBE_MISSING ->
          ffprobeOnPath(System.getenv("PATH"))
              ? ConditionOutcome.noMatch("ffprobe is on the PATH")
              : ConditionOutcome.match("no ffprobe on the PATH");
    };
  }

  /** True when a directory of {@code path} (a PATH value) holds an executable ffprobe. */
  static boolean ffprobeOnPath(String path) {
    if (path == null || path.isBlank()) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isBlank()) {
        continue;
      }
      try {
        for (String name : new String[] {"ffprobe", "ffprobe.exe"}) {
          Path candidate = Path.of(directory, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return true;
          }
        }
      } catch (InvalidPathException e) {
        // a malformed PATH entry holds no ffprobe
      }
    }
    return false;
  }
}
