package org.epum.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SetExpressionTest {

  @Test
  void valuesAreTypedAsYaml() {
    assertThat(value("engine_conf.n=2")).isEqualTo(2);
    assertThat(value("engine_conf.n=1.5")).isEqualTo(1.5);
    assertThat(value("health.monitor_health=true")).isEqualTo(true);
    assertThat(value("engine_conf.l=[1,2,3]")).isEqualTo(List.of(1, 2, 3));
    assertThat(value("engine_conf.m={a: 1}")).isEqualTo(Map.of("a", 1));
    assertThat(value("engine_conf.s=a,b")).isEqualTo("a,b");
    assertThat(value("engine_conf.s='2'")).isEqualTo("2");
    assertThat(value("engine_conf.s=ec2-east")).isEqualTo("ec2-east");
    assertThat(value("engine_conf.s=")).isEqualTo("");
    assertThat(value("engine_conf.s=x=y")).isEqualTo("x=y");
    assertThat(value("engine_conf.s=null")).isNull();
  }

  @Test
  void pathsSplitOnDotsAndNestedPathsCreateMaps() {
    Map<String, Object> config = new LinkedHashMap<>();
    SetExpression.parse("engine_conf.a.b=1").applyTo(config);
    SetExpression.parse("engine_conf.a.c=2").applyTo(config);
    SetExpression.parse("general.engine_class=needy").applyTo(config);
    assertThat(config).isEqualTo(Map.of(
        "engine_conf", Map.of("a", Map.of("b", 1, "c", 2)),
        "general", Map.of("engine_class", "needy")));
  }

  @Test
  void laterSetsReplaceEarlierValues() {
    Map<String, Object> config = new LinkedHashMap<>();
    SetExpression.parse("engine_conf.n=1").applyTo(config);
    SetExpression.parse("engine_conf.n=5").applyTo(config);
    assertThat(config).isEqualTo(Map.of("engine_conf", Map.of("n", 5)));
  }

  @Test
  void cannotDescendThroughAScalar() {
    Map<String, Object> config = new LinkedHashMap<>(Map.of("engine_conf", Map.of("a", 1)));
    assertThatThrownBy(() -> SetExpression.parse("engine_conf.a.b=2").applyTo(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("engine_conf.a is 1, not a map");
  }

  @ParameterizedTest
  @ValueSource(strings = {"preserve_n=2", "engine_conf", "engine_conf..n=1", ".n=1", "a.=1",
      "engine_conf.n=[1,2"})
  void badSyntaxSaysTheExpectedForm(String text) {
    assertThatThrownBy(() -> SetExpression.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad --set '" + text + "'")
        .hasMessageContaining("expected section.key=VALUE");
  }

  private static Object value(String text) {
    return SetExpression.parse(text).value();
  }
}
