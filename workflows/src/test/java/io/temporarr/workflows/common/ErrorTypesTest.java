package io.temporarr.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorTypesTest {

  @Test
  void allHoldsExactlyEveryPublicFailureTypeConstant() throws IllegalAccessException {
    List<String> constants = new ArrayList<>();
    for (Field field : ErrorTypes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }

    assertThat(constants).hasSize(19).doesNotHaveDuplicates();
    assertThat(ErrorTypes.ALL).containsExactlyInAnyOrderElementsOf(constants);
  }

  @Test
  void releaseFaultsAreFailureTypes() {
    assertThat(ErrorTypes.ALL).containsAll(ErrorTypes.RELEASE_FAULTS);
  }
}
