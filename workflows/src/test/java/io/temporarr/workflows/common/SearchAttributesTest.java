package io.temporarr.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.SearchAttributeKey;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchAttributesTest {

  @Test
  void allHoldsEveryKeyConstantOnce() throws IllegalAccessException {
    List<SearchAttributeKey<?>> keys = new ArrayList<>();
    for (Field field : SearchAttributes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == SearchAttributeKey.class) {
        keys.add((SearchAttributeKey<?>) field.get(null));
      }
    }

    assertThat(SearchAttributes.ALL).containsExactlyInAnyOrderElementsOf(keys).hasSize(7);
  }

  @Test
  void theContractsAttributesHaveTheirDocumentedTypes() {
    Map<String, String> typeByName = new LinkedHashMap<>();
    SearchAttributes.ALL.forEach(
        key -> typeByName.put(key.getName(), SearchAttributes.typeName(key)));

    assertThat(typeByName)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "MediaType", "Keyword",
                "MediaTitle", "Text",
                "RequestState", "Keyword",
                "RequestStage", "Keyword",
                "RequestSource", "Keyword",
                "RequestedBy", "Keyword",
                "TmdbId", "Int"));
  }

  @Test
  void typeNamesAreTheCliSpellingOfTheIndexedValueTypes() {
    assertThat(SearchAttributes.typeName(SearchAttributeKey.forKeyword("k"))).isEqualTo("Keyword");
    assertThat(SearchAttributes.typeName(SearchAttributeKey.forText("t"))).isEqualTo("Text");
    assertThat(SearchAttributes.typeName(SearchAttributeKey.forLong("i"))).isEqualTo("Int");
    assertThat(SearchAttributes.typeName(SearchAttributeKey.forKeywordList("l")))
        .isEqualTo("KeywordList");
    assertThat(SearchAttributes.typeName(SearchAttributeKey.forOffsetDateTime("d")))
        .isEqualTo("Datetime");
  }
}
