package org.epum.core.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epum.core.testing.EngineTestSupport.T0;
import static org.epum.core.testing.EngineTestSupport.instance;
import static org.epum.core.testing.EngineTestSupport.series;
import static org.epum.core.testing.EngineTestSupport.snapshot;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.error.EpumException;
import org.junit.jupiter.api.Test;

class SupportTest {
  @Test
  void engineConfsMessagesNameTheKeyTheWantAndTheValue() {
    EngineConfs c = EngineConfs.of(Map.of("n", "abc", "d", 2.5, "w", 3.0));
    assertThatThrownBy(() -> c.requireInt("n", 0)).isInstanceOf(EpumException.class)
        .hasMessage("engine_conf.n must be a whole number >= 0, got the string \"abc\"");
    assertThatThrownBy(() -> c.requireInt("d", 0)).hasMessage("engine_conf.d must be a whole number >= 0, got the number 2.5");
    assertThat(c.requireInt("w", 0)).isEqualTo(3);
    assertThat(c.optionalInt("missing", 0, 7)).isEqualTo(7);
    assertThatThrownBy(() -> EngineConfs.nested(Map.of("size", "x"), "engine_conf.clouds[2]").requireInt("size", -1))
        .hasMessageStartingWith("engine_conf.clouds[2].size must be");
  }

  @Test
  void sampleFunctions() {
    List<Double> s = List.of(1.0, 3.0, 5.0);
    assertThat(SampleFunction.AVERAGE.apply(s)).hasValue(3.0);
    assertThat(SampleFunction.SUM.apply(s)).hasValue(9.0);
    assertThat(SampleFunction.MAXIMUM.apply(s)).hasValue(5.0);
    assertThat(SampleFunction.MINIMUM.apply(s)).hasValue(1.0);
    assertThat(SampleFunction.SAMPLE_COUNT.apply(s)).hasValue(3.0);
    assertThat(SampleFunction.AVERAGE.apply(List.of())).isEmpty();
    assertThat(SampleFunction.parse("samplecount")).contains(SampleFunction.SAMPLE_COUNT);
  }

  @Test
  void sensorValuesReadNumbersSeriesAndPrecomputedStatistics() {
    assertThat(SensorValues.of(4, SampleFunction.AVERAGE)).hasValue(4.0);
    assertThat(SensorValues.of(series(0, 1, 0), SampleFunction.SUM)).hasValue(1.0);
    assertThat(SensorValues.of(Map.of("Average", 2.5), SampleFunction.AVERAGE)).hasValue(2.5);
    assertThat(SensorValues.of(Map.of("Average", 2.5), SampleFunction.SUM)).isEmpty();
    assertThat(SensorValues.of("x", SampleFunction.AVERAGE)).isEmpty();
  }

  @Test
  void sensorValueAveragesInstancesThatHaveData() {
    InstanceRecord a = instance("a", InstanceState.RUNNING).sensorData(Map.of("m", series(2, 4))).build();
    InstanceRecord b = instance("b", InstanceState.RUNNING).sensorData(Map.of("m", 6)).build();
    InstanceRecord c = instance("c", InstanceState.PENDING).build();
    DomainSnapshot s = snapshot(T0, a, b, c);
    assertThat(SensorValues.value(s, s.healthy(), "m", SampleFunction.AVERAGE)).hasValue(4.5);
    assertThat(SensorValues.value(s, s.healthy(), "other", SampleFunction.AVERAGE)).isEqualTo(OptionalDouble.empty());
  }

  @Test
  void victimsRetirableThenPendingThenNewest() {
    InstanceRecord oldRunning = instance("a", InstanceState.RUNNING).build();
    InstanceRecord newRunning = instance("b", InstanceState.RUNNING).stateTime(T0.plusSeconds(5)).build();
    InstanceRecord pending = instance("c", InstanceState.PENDING).build();
    InstanceRecord retirable = instance("d", InstanceState.RUNNING).build();
    List<InstanceRecord> all = List.of(oldRunning, newRunning, pending, retirable);
    assertThat(Victims.ids(Victims.choose(all, 4, List.of("d")))).containsExactly("d", "c", "b", "a");
    assertThat(Victims.choose(all, 0)).isEmpty();
  }

  @Test
  void uniqueValuesCompareNumbersByValue() {
    UniqueValues u = UniqueValues.parse(EngineConfs.of(Map.of("unique_key", "k", "unique_values", List.of(1L, 2L))));
    InstanceRecord holder = instance("a", InstanceState.RUNNING).extravars(Map.of("k", 1)).build();
    assertThat(u.free(List.of(holder))).contains(List.of(2L));
    assertThat(UniqueValues.none().free(List.of(holder))).isEmpty();
  }
}
