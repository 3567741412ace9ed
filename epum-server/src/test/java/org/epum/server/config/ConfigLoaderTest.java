package org.epum.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void emptyFileGivesTheDocumentedDefaults() throws IOException {
    EpumConfig c = load("", Map.of());
    assertThat(c.server().listen()).isEqualTo(new HostPort("127.0.0.1", 7650));
    assertThat(c.store()).isEqualTo(StoreType.EMBEDDED);
    assertThat(c.embeddedZookeeper().dataDir()).isEqualTo(Path.of("data/zk"));
    assertThat(c.zookeeper().root()).isEqualTo("/epum");
    assertThat(c.auth().mode()).isEqualTo(AuthConfig.Mode.NONE);
    assertThat(c.mode().externalDecide()).isFalse();
    assertThat(c.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theShippedConfigLoadsAndMatchesTheDefaults() {
    EpumConfig shipped = ConfigLoader.load(Path.of("../conf/epum.yaml"), Map.of());
    assertThat(shipped).isEqualTo(ConfigLoader.defaults());
  }

  @Test
  void durationsTakeUnits() throws IOException {
    EpumConfig c = load("server: {shutdown_grace: 500ms}\nzookeeper: {session_timeout: 1m, connection_timeout: 3}",
        Map.of());
    assertThat(c.server().shutdownGrace()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.zookeeper().sessionTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.zookeeper().connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void duplicateKeysAreRefusedNamingTheKeyAndLine() {
    assertThatThrownBy(() -> load("store: {type: memory}\nserver: {}\nstore: {type: zookeeper}\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate").hasMessageContaining("'store'")
        .hasMessageContaining("line 3");
    assertThatThrownBy(() -> load("server: {replica_name: a, replica_name: b}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'replica_name'");
  }

  @Test
  void notifyKeysHaveDefaultsAndAreChecked() throws IOException {
    NotifyConfig d = load("", Map.of()).notifications();
    assertThat(d).isEqualTo(new NotifyConfig(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(5),
        10_000));
    NotifyConfig c = load("notify: {retry_attempts: 0, backoff: 1s, max_backoff: 4s, deadline: 250ms, queue_size: 7}",
        Map.of()).notifications();
    assertThat(c).isEqualTo(new NotifyConfig(0, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(250), 7));
    assertThatThrownBy(() -> load("notify: {deadline: 0s}", Map.of())).hasMessageContaining("notify.deadline");
    assertThatThrownBy(() -> load("notify: {backoff: 5s, max_backoff: 1s}", Map.of()))
        .hasMessageContaining("notify.max_backoff");
    assertThatThrownBy(() -> load("notify: {retries: 3}", Map.of())).hasMessageContaining("notify.retries")
        .hasMessageContaining("retry_attempts");
  }

  @Test
  void unknownKeysAreRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> load("server: {lisen: 127.0.0.1:1}", Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.lisen").hasMessageContaining("listen");
    assertThatThrownBy(() -> load("sever: {}", Map.of())).hasMessageContaining("sever");
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> load("server: {listen: nowhere}", Map.of())).hasMessageContaining("server.listen");
    assertThatThrownBy(() -> load("store: {type: mongo}", Map.of())).hasMessageContaining("store.type")
        .hasMessageContaining("embedded");
    assertThatThrownBy(() -> load("server: {shutdown_grace: soon}", Map.of()))
        .hasMessageContaining("server.shutdown_grace");
    assertThatThrownBy(() -> load("server: {threads: 0}", Map.of())).hasMessageContaining("server.threads");
    assertThatThrownBy(() -> load("epum: {external_decide: maybe}", Map.of()))
        .hasMessageContaining("epum.external_decide");
    assertThatThrownBy(() -> load("server: [1, 2]", Map.of())).hasMessageContaining("server");
    assertThatThrownBy(() -> load("zookeeper: {root: epum}", Map.of())).hasMessageContaining("zookeeper.root");
  }

  @Test
  void theEmbeddedProvisionerIsTheDefaultAndAnEndpointMeansExternal() throws IOException {
    EpumConfig defaults = load("", Map.of());
    assertThat(defaults.provisioner().embedded()).isTrue();
    assertThat(defaults.provisioner().endpoint()).isEmpty();
    assertThat(defaults.sim().sites()).containsKeys("ec2-east", "ec2-west");
    EpumConfig external = load("provisioner: {endpoint: 127.0.0.1:7652}", Map.of());
    assertThat(external.provisioner().embedded()).isFalse();
    assertThat(external.provisioner().endpoint()).isEqualTo("127.0.0.1:7652");
    assertThatThrownBy(() -> load("provisioner: {embedded: true, endpoint: 127.0.0.1:7652}", Map.of()))
        .hasMessageContaining("provisioner.embedded");
    assertThatThrownBy(() -> load("provisioner: {embedded: false}", Map.of()))
        .hasMessageContaining("provisioner.endpoint");
    assertThatThrownBy(() -> load("provisioner: {driver: ec2}", Map.of())).hasMessageContaining("provisioner.driver");
  }

  @Test
  void localDriverSettingsHaveDefaultsAndAreChecked() throws IOException {
    LocalConfig d = load("provisioner: {driver: local}", Map.of()).local();
    assertThat(d.java()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(d.classpath()).isEqualTo("epum-client/target/epum-client-0.1.0-SNAPSHOT-all.jar");
    assertThat(d.agentArgs()).containsExactly("--listen", "127.0.0.1:0");
    assertThat(d.javaOpts()).containsExactly("-Xmx128m");
    assertThat(d.stopGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.readyAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.logPath()).contains(Path.of("data/agents"));
    assertThat(d.capacity()).isEqualTo(20);
    LocalConfig c = load("local: {java: /opt/java, classpath: a.jar, agent_args: [--interval, '1'], log_dir: '',"
        + " stop_grace: 250ms, ready_after: 0s}", Map.of()).local();
    assertThat(c.java()).isEqualTo("/opt/java");
    assertThat(c.agentArgs()).containsExactly("--interval", "1");
    assertThat(c.logPath()).isEmpty();
    assertThat(c.readyAfter()).isZero();
    assertThatThrownBy(() -> load("local: {stop_grace: 0s}", Map.of())).hasMessageContaining("local.stop_grace");
    assertThatThrownBy(() -> load("local: {classpath: ''}", Map.of())).hasMessageContaining("local.classpath");
    assertThatThrownBy(() -> load("local: {capacity: 0}", Map.of())).hasMessageContaining("local.capacity");
    assertThatThrownBy(() -> load("local: {grace: 1s}", Map.of())).hasMessageContaining("local.grace");
  }

  @Test
  void simSettingsAreCheckedNamingTheKey() throws IOException {
    EpumConfig c = load("sim: {boot_time_min: 10ms, boot_time_max: 20ms, sites: {a: {capacity: 2, failure_rate: 0.5}}}",
        Map.of());
    assertThat(c.sim().sites()).containsOnlyKeys("a");
    assertThat(c.sim().sites().get("a")).isEqualTo(new SimConfig.Site(2, 0.5));
    assertThatThrownBy(() -> load("sim: {failure_rate: 2}", Map.of())).hasMessageContaining("sim.failure_rate");
    assertThatThrownBy(() -> load("sim: {boot_time_min: 5s, boot_time_max: 1s}", Map.of()))
        .hasMessageContaining("sim.boot_time_max");
    assertThatThrownBy(() -> load("sim: {load_curve: \"10s:1\"}", Map.of())).hasMessageContaining("sim.load_curve");
    assertThatThrownBy(() -> load("sim: {sites: {a: {capacty: 1}}}", Map.of())).hasMessageContaining("sim.sites.a.capacty");
  }

  @Test
  void noAuthIsRefusedOffLoopback() {
    assertThatThrownBy(() -> load("server: {listen: 0.0.0.0:7650}", Map.of())).hasMessageContaining("auth.mode");
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    EpumConfig c = load("store: {type: embedded}", Map.of("EPUM_STORE", "memory", "EPUM_LISTEN", "127.0.0.1:9999",
        "EPUM_EXTERNAL_DECIDE", "true"));
    assertThat(c.store()).isEqualTo(StoreType.MEMORY);
    assertThat(c.server().listen().port()).isEqualTo(9999);
    assertThat(c.mode().externalDecide()).isTrue();
  }

  @Test
  void everyEnvironmentOverrideNamesAKeyTheLoaderKnows() {
    ConfigLoader.ENV_OVERRIDES.forEach((variable, key) -> {
      String value = key.equals("auth.mode") ? "none" : key.equals("store.type") ? "memory"
          : key.equals("epum.external_decide") ? "true" : key.equals("server.listen") ? "127.0.0.1:1" : "x";
      assertThat(ConfigLoader.load(write(""), Map.of(variable, value))).as(variable).isNotNull();
    });
  }

  private EpumConfig load(String yaml, Map<String, String> env) throws IOException {
    return ConfigLoader.load(write(yaml), env);
  }

  private Path write(String yaml) {
    try {
      Path file = Files.createTempFile(dir, "epum", ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
