package org.epum.core.engine.simplest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.testing.EngineTestSupport.conf;

import java.util.Set;
import java.util.stream.Collectors;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.testing.EngineHarness;
import org.epum.core.testing.RecordingEngineControl;
import org.junit.jupiter.api.Test;

/** Scenarios 13, 16, 25, 26 and 48 at engine level, plus the fixes DESIGN §5 asks for. */
class SimplestEngineTest {
  private static EngineHarness simplest(int preserveN) {
    return EngineHarness.start(new SimplestEngine(), conf("preserve_n", preserveN));
  }

  @Test
  void scenario13_launchesPreserveNWithTheDefaultLaunchFields() {
    EngineHarness h = simplest(2).decide();

    RecordingEngineControl c = h.control();
    assertThat(c.launches()).hasSize(2);
    assertThat(c.launches()).extracting(RecordingEngineControl.Launch::request)
        .containsOnly(new LaunchRequest("epu_work_consumer", "ec2-east", "small", null));
    assertThat(c.launches()).extracting(RecordingEngineControl.Launch::reason).containsOnly(DecisionReason.BELOW_TARGET);
    assertThat(c.launches().get(0).message()).isEqualTo("0 of preserve_n 2 live; launching 2");
    assertThat(h.snapshot().inState(InstanceState.REQUESTING)).hasSize(2);
    assertThat(h.engineState()).isEqualTo(EngineState.PENDING);
  }

  @Test
  void launchFieldsComeFromTheConf() {
    EngineHarness h = EngineHarness.start(new SimplestEngine(), conf("preserve_n", 1, "epuworker_type", "00_dt_id",
        "force_site", "chicago", "epuworker_allocation", "big", "provisioner_vars", java.util.Map.of("a", "b")));
    h.decide();
    assertThat(h.control().launches().get(0).request()).isEqualTo(new LaunchRequest("00_dt_id", "chicago", "big", null));
  }

  @Test
  void scenario16_reconfigureNUpAndDown() {
    EngineHarness h = simplest(2).decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
    assertThat(h.control().destroyCount()).isZero();

    h.reconfigure(conf("preserve_n", 4)).decide();
    assertThat(h.control().launchCount()).isEqualTo(4);
    assertThat(h.control().destroyCount()).isZero();

    h.reconfigure(conf("preserve_n", 0)).decide();
    assertThat(h.control().launchCount()).isEqualTo(4);
    assertThat(h.control().destroyCount()).isEqualTo(4);
    assertThat(h.control().destroys().get(0).reason()).isEqualTo(DecisionReason.ABOVE_TARGET);

    h.decide();
    assertThat(h.control().destroyCount()).isEqualTo(4);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_TARGET);
  }

  @Test
  void scenario25_failedInstanceIsReplacedNotDestroyed() {
    EngineHarness h = simplest(1).decide();
    String first = h.control().launches().get(0).instanceId();

    h.mark(first, InstanceState.FAILED).decide();

    assertThat(h.control().launchCount()).isEqualTo(2);
    assertThat(h.control().launches().get(1).instanceId()).isNotEqualTo(first);
    assertThat(h.control().destroyCount()).isZero();
  }

  @Test
  void rejectedAndErrorRetryingInstancesAreNotLiveAndAreReplaced() {
    EngineHarness h = simplest(2).decide();
    h.mark("i-0001", InstanceState.REJECTED).mark("i-0002", InstanceState.ERROR_RETRYING).decide();

    assertThat(h.control().launchCount()).isEqualTo(4);
    assertThat(h.control().destroyCount()).isZero();
  }

  @Test
  void scenario26_runningFailedInstanceIsDestroyedAndReplaced() {
    EngineHarness h = simplest(1).decide();
    h.mark("i-0001", InstanceState.RUNNING_FAILED).decide();

    assertThat(h.control().destroyedIds()).containsExactly("i-0001");
    assertThat(h.control().destroys().get(0).reason()).isEqualTo(DecisionReason.REPLACING_UNHEALTHY);
    assertThat(h.control().launchCount()).isEqualTo(2);
  }

  @Test
  void scenario48_missingInstanceIsReplacedAndAZombieIsTerminatedAgainWithoutALaunch() {
    EngineHarness h = simplest(1).decide();
    h.mark("i-0001", InstanceState.RUNNING).health("i-0001", HealthState.MISSING).decide();
    assertThat(h.control().destroyedIds()).containsExactly("i-0001");
    assertThat(h.control().launchCount()).isEqualTo(2);

    h.mark("i-0002", InstanceState.RUNNING).mark("i-0001", InstanceState.TERMINATED)
        .health("i-0001", HealthState.ZOMBIE).decide();
    assertThat(h.control().destroyedIds()).containsExactly("i-0001", "i-0001");
    assertThat(h.control().launchCount()).isEqualTo(2);
  }

  @Test
  void shrinksPendingBeforeRunningNewestFirst() {
    EngineHarness h = simplest(4).decide();
    h.mark("i-0001", InstanceState.RUNNING).mark("i-0003", InstanceState.RUNNING);

    h.reconfigure(conf("preserve_n", 1)).decide();

    assertThat(h.control().destroyedIds()).containsExactly("i-0004", "i-0002", "i-0003");
  }

  @Test
  void waitsForPendingAtTargetAndIsStableOnceAllRun() {
    EngineHarness h = simplest(2).decide().decide();
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.WAITING_FOR_PENDING);
    assertThat(h.engineState()).isEqualTo(EngineState.PENDING);

    h.markAll(i -> true, InstanceState.RUNNING).decide();
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_TARGET);
    assertThat(h.engineState()).isEqualTo(EngineState.STABLE);
    assertThat(h.control().launchCount()).isEqualTo(2);
  }

  @Test
  void engineStateIsUnknownBeforeTheFirstDecide() {
    assertThat(simplest(1).engineState()).isEqualTo(EngineState.UNKNOWN);
  }

  @Test
  void launchedIdsAreDistinct() {
    EngineHarness h = simplest(5).decide();
    Set<String> ids = h.control().launches().stream().map(RecordingEngineControl.Launch::instanceId)
        .collect(Collectors.toSet());
    assertThat(ids).hasSize(5);
  }
}
