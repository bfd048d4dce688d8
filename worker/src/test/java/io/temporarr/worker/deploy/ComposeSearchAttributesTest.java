package io.temporarr.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporarr.workflows.common.SearchAttributes;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml's one-shot {@code temporal-setup} registers exactly the contract's custom
 * search attributes ({@link SearchAttributes#ALL}) with the same types, so the Web UI's List
 * Filters work before the first worker starts. scripts/check-compose checks the rest of the file.
 */
class ComposeSearchAttributesTest {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
  private static final Pattern NAME_TYPE =
      Pattern.compile("\\b([A-Za-z]+)=(Keyword|Text|Int|Double|Bool|Datetime|KeywordList)\\b");

  @Test
  @SuppressWarnings("unchecked")
  void temporalSetupRegistersEverySearchAttributeOfTheContractWithItsType() throws IOException {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(COMPOSE)) {
      compose = new Yaml().load(reader);
    }
    Map<String, Object> setup =
        (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("temporal-setup");
    String script = String.join(" ", (List<String>) setup.get("command"));

    Map<String, String> registered = new LinkedHashMap<>();
    Matcher matcher = NAME_TYPE.matcher(script);
    while (matcher.find()) {
      registered.put(matcher.group(1), matcher.group(2));
    }

    Map<String, String> contract = new LinkedHashMap<>();
    SearchAttributes.ALL.forEach(
        key -> contract.put(key.getName(), SearchAttributes.typeName(key)));
    assertThat(registered).containsExactlyInAnyOrderEntriesOf(contract);
    assertThat(script)
        .as("the setup fails when an attribute is still missing after creating it")
        .contains("set -e")
        .contains("search-attribute list");
  }
}
