package io.temporarr.workflows;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.temporarr.workflows.download.DownloadMonitorWorkflowImpl;
import io.temporarr.workflows.fixture.NonDeterministicFixture;
import io.temporarr.workflows.request.internal.MediaRequestWorkflowImpl;
import java.io.File;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The determinism boundary: workflow code reaches the outside world only through activities. */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.temporarr.workflows");

  static final ArchRule NO_IO_OR_FRAMEWORKS =
      noClasses()
          .that()
          .resideInAPackage("..workflows..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("okhttp3..", "java.net..", "java.nio.file..", "org.springframework..")
          .because("workflow code must be deterministic and framework-free");

  static final ArchRule NO_FILES_THREADS_OR_RANDOM =
      noClasses()
          .that()
          .resideInAPackage("..workflows..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(File.class, Thread.class, Random.class, ThreadLocalRandom.class)
          .because("use activities, Workflow.sleep/Async and Workflow.newRandom instead");

  static final ArchRule NO_SYSTEM_CLOCK_OR_RANDOM_IDS =
      noClasses()
          .that()
          .resideInAPackage("..workflows..")
          .should()
          .callMethodWhere(
              call(System.class, "currentTimeMillis")
                  .or(call(System.class, "nanoTime"))
                  .or(call(Instant.class, "now"))
                  .or(call(LocalDateTime.class, "now"))
                  .or(call(UUID.class, "randomUUID")))
          .because("use Workflow.currentTimeMillis and Workflow.randomUUID");

  private static final List<ArchRule> RULES =
      List.of(NO_IO_OR_FRAMEWORKS, NO_FILES_THREADS_OR_RANDOM, NO_SYSTEM_CLOCK_OR_RANDOM_IDS);

  @Test
  void workflowCodeStaysInsideTheDeterminismBoundary() {
    assertThat(MAIN.contain(MediaRequestWorkflowImpl.class)).isTrue();
    assertThat(MAIN.contain(DownloadMonitorWorkflowImpl.class)).isTrue();
    assertThat(MAIN.contain(NonDeterministicFixture.class)).isFalse();
    RULES.forEach(rule -> rule.check(MAIN));
  }

  @Test
  void rulesCatchEveryForbiddenCall() {
    JavaClasses fixture = new ClassFileImporter().importClasses(NonDeterministicFixture.class);

    assertThat(RULES)
        .allSatisfy(rule -> assertThat(rule.evaluate(fixture).hasViolation()).isTrue());
    assertThat(NO_SYSTEM_CLOCK_OR_RANDOM_IDS.evaluate(fixture).getFailureReport().getDetails())
        .hasSize(5);
  }

  private static DescribedPredicate<JavaCall<?>> call(Class<?> owner, String method) {
    return target(owner(JavaClass.Predicates.equivalentTo(owner))).and(target(name(method)));
  }
}
