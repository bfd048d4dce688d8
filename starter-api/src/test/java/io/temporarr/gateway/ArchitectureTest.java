package io.temporarr.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporarr.gateway.security.RequiresCredential;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;

@AnalyzeClasses(
    packages = "io.temporarr.gateway",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule everyControllerDeclaresItsCredential =
      classes()
          .that()
          .areMetaAnnotatedWith(Controller.class)
          .and()
          .doNotImplement(ErrorController.class)
          .should()
          .beAnnotatedWith(RequiresCredential.class)
          .because(
              "no endpoint of the gateway may be reachable without its caller's credential (the"
                  + " error page only renders the failure of another request)");

  @ArchTest
  static final ArchRule onlyTheTemporalAdapterTalksToTheClient =
      noClasses()
          .that()
          .resideOutsideOfPackage("..gateway.temporal..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(WorkflowClient.class, WorkflowStub.class)
          .because(
              "RequestWorkflows is the one place that knows how requests map to Temporal calls");

  @ArchTest
  static final ArchRule noHttpClientsOrActivities =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("okhttp3..", "io.temporarr.activities..", "io.temporarr.worker..")
          .because("the gateway depends on the workflow contract only");
}
