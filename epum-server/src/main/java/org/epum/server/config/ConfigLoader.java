package org.epum.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.epum.core.leader.Roles;
import org.epum.core.reactor.HeartbeatSettings;

/**
 * Reads {@code conf/epum.yaml} into typed records, applying defaults in code (so a missing file
 * section means the documented default) and environment overrides for the common keys, and
 * refusing unknown keys and bad values with a message that names the key. Every key and default
 * here is documented in conf/epum.yaml; keep the two in step.
 */
public final class ConfigLoader {
  /** Environment variables that override config keys. */
  public static final Map<String, String> ENV_OVERRIDES = Map.of(
      "EPUM_LISTEN", "server.listen",
      "EPUM_REPLICA_NAME", "server.replica_name",
      "EPUM_STORE", "store.type",
      "EPUM_ZOOKEEPER_CONNECT", "zookeeper.connect",
      "EPUM_AUTH_MODE", "auth.mode",
      "EPUM_TOKENS_FILE", "auth.tokens_file",
      "EPUM_EXTERNAL_DECIDE", "epum.external_decide",
      "EPUM_STATSD_HOST", "metrics.statsd.host");

  /** Refuses a key given twice in one mapping (YAML would otherwise keep the last one silently). */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private ConfigLoader() {}

  /** Loads the file (which must exist) with the given environment's overrides. */
  public static EpumConfig load(Path file, Map<String, String> env) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      // e.g. "Duplicate field 'store' (line 3, column 1)"
      throw new ConfigException("config " + file + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      root = YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw new ConfigException("config " + file + " must be a YAML mapping of sections");
    }
    applyEnv((ObjectNode) root, env);
    try {
      return read(new ConfigSection("", root));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config " + file + ": " + e.getMessage(), e);
    }
  }

  /** The defaults alone, as if the file were empty and no environment were set. */
  public static EpumConfig defaults() {
    return read(new ConfigSection("", YAML.createObjectNode()));
  }

  private static EpumConfig read(ConfigSection root) {
    var server = root.section("server");
    var serverConfig = new ServerConfig(server.hostPort("listen", "127.0.0.1:7650"),
        server.string("replica_name", "epum"), server.string("heartbeat_dest", ""),
        server.duration("shutdown_grace", Duration.ofSeconds(10)), server.integer("threads", 16, 1, 1024),
        server.stringList("lead_roles", Roles.ALL));
    server.finish();

    var store = root.section("store");
    StoreType storeType = store.oneOf("type", StoreType.class, StoreType.EMBEDDED);
    store.finish();

    var zk = root.section("zookeeper");
    var zkConfig = new ZooKeeperConfig(zk.string("connect", "127.0.0.1:2181"), zk.string("root", "/epum"),
        zk.duration("session_timeout", Duration.ofSeconds(6)), zk.duration("connection_timeout", Duration.ofSeconds(3)));
    zk.finish();

    var embedded = root.section("embedded_zookeeper");
    var embeddedConfig = new EmbeddedZooKeeperConfig(Path.of(embedded.string("data_dir", "data/zk")),
        embedded.hostPort("listen", "127.0.0.1:7651"));
    embedded.finish();

    var auth = root.section("auth");
    var authConfig = new AuthConfig(auth.oneOf("mode", AuthConfig.Mode.class, AuthConfig.Mode.NONE),
        Path.of(auth.string("tokens_file", "conf/tokens.yaml")), auth.string("default_owner", "default"));
    auth.finish();

    var metrics = root.section("metrics");
    var statsd = metrics.section("statsd");
    var metricsConfig = new MetricsConfig(statsd.bool("enabled", false), statsd.string("host", "127.0.0.1"),
        statsd.integer("port", 8125, 1, 65535), statsd.string("flavor", "datadog"),
        statsd.duration("step", Duration.ofSeconds(10)));
    statsd.finish();
    metrics.finish();

    var epum = root.section("epum");
    var modeConfig = new ModeConfig(epum.bool("external_decide", false));
    epum.finish();

    var decider = root.section("decider");
    Duration deciderInterval = decider.duration("interval", Duration.ofSeconds(5));
    Duration retryInterval = decider.duration("retry_interval", Duration.ofSeconds(5));
    Duration debounce = decider.duration("debounce", Duration.ofMillis(20));
    decider.finish();
    var doctor = root.section("doctor");
    Duration doctorInterval = doctor.duration("interval", Duration.ofSeconds(10));
    doctor.finish();
    var reaper = root.section("reaper");
    Duration reaperInterval = reaper.duration("interval", Duration.ofSeconds(300));
    Duration maxAge = reaper.duration("max_age", Duration.ofSeconds(7200));
    reaper.finish();
    var rolesConfig = new RolesConfig(deciderInterval, retryInterval, debounce, doctorInterval, reaperInterval,
        maxAge);

    var provisioner = root.section("provisioner");
    String endpoint = provisioner.string("endpoint", "").isBlank() ? ""
        : provisioner.hostPort("endpoint", "").toString();
    var provisionerConfig = new ProvisionerConfig(provisioner.bool("embedded", endpoint.isEmpty()), endpoint,
        provisioner.duration("timeout", Duration.ofSeconds(10)), provisioner.map("vars"),
        provisioner.string("driver", "sim"), provisioner.string("store_root", ""),
        provisioner.duration("push_retry", Duration.ofSeconds(5)));
    provisioner.finish();
    var simConfig = readSim(root.section("sim"));
    var localConfig = readLocal(root.section("local"));
    var dtrs = root.section("dtrs");
    var dtrsConfig = new DtrsConfig(dtrs.bool("embedded", true), Path.of(dtrs.string("dir", "conf/dtrs")));
    dtrs.finish();

    var notify = root.section("notify");
    var notifyConfig = new NotifyConfig(notify.integer("retry_attempts", 5, 0, 100),
        notify.duration("backoff", Duration.ofMillis(500)), notify.duration("max_backoff", Duration.ofSeconds(30)),
        notify.duration("deadline", Duration.ofSeconds(5)), notify.integer("queue_size", 10_000, 1, 1_000_000));
    notify.finish();

    var heartbeat = root.section("heartbeat");
    HeartbeatSettings heartbeatSettings;
    try {
      heartbeatSettings = new HeartbeatSettings(heartbeat.duration("persist_interval", Duration.ZERO));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    heartbeat.finish();

    root.finish();
    var config = new EpumConfig(serverConfig, storeType, zkConfig, embeddedConfig, authConfig, metricsConfig,
        modeConfig, rolesConfig, provisionerConfig, notifyConfig, heartbeatSettings, simConfig, localConfig,
        dtrsConfig);
    checkCombination(config);
    return config;
  }

  private static SimConfig readSim(ConfigSection sim) {
    var sitesSection = sim.section("sites");
    Map<String, SimConfig.Site> sites = new LinkedHashMap<>();
    if (sim.has("sites")) {
      for (String name : sitesSection.keys()) {
        var site = sitesSection.section(name);
        sites.put(name, new SimConfig.Site(site.integer("capacity", 100, 0, 1_000_000),
            site.decimal("failure_rate", -1, -1, 1)));
        site.finish();
      }
    } else {
      sites.put("ec2-east", new SimConfig.Site(100, -1));
      sites.put("ec2-west", new SimConfig.Site(100, -1));
    }
    var config = new SimConfig(sim.duration("request_delay", Duration.ofMillis(500)),
        sim.duration("boot_time_min", Duration.ofSeconds(2)), sim.duration("boot_time_max", Duration.ofSeconds(5)),
        sim.duration("start_delay", Duration.ofSeconds(1)), sim.duration("terminate_delay", Duration.ofSeconds(1)),
        sim.decimal("failure_rate", 0, 0, 1), sim.duration("heartbeat_interval", Duration.ofSeconds(5)),
        sim.string("load_metric", "load"), sim.string("load_curve", "0s:0.2, 60s:0.9, 120s:0.9, 180s:0.2, 300s:0.2"),
        sim.string("agent_token", ""), sim.integer("seed", 0, 0, Integer.MAX_VALUE), sites);
    sim.finish();
    return config;
  }

  /** The local driver's section; java defaults to the java running this server. */
  private static LocalConfig readLocal(ConfigSection local) {
    String ownJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String javaCommand = local.string("java", "");
    var config = new LocalConfig(javaCommand.isEmpty() ? ownJava : javaCommand,
        local.stringList("java_opts", List.of("-Xmx128m")),
        local.string("classpath", "epum-client/target/epum-client-0.1.0-SNAPSHOT-all.jar"),
        local.stringList("agent_args", List.of("--listen", "127.0.0.1:0")),
        local.duration("ready_after", Duration.ofSeconds(1)), local.duration("stop_grace", Duration.ofSeconds(5)),
        local.string("log_dir", "data/agents"), local.integer("capacity", 20, 1, 10_000),
        local.string("agent_token", ""));
    local.finish();
    return config;
  }

  private static void checkCombination(EpumConfig config) {
    if (config.auth().mode() == AuthConfig.Mode.NONE && !config.server().listen().isLoopback()) {
      throw new ConfigException("auth.mode none gives every caller every role, so it is allowed only on a loopback "
          + "address; server.listen is " + config.server().listen() + ". Set auth.mode: token or listen on 127.0.0.1");
    }
    if (!Set.of("datadog", "etsy", "telegraf", "sysdig").contains(config.metrics().flavor())) {
      throw new ConfigException("metrics.statsd.flavor must be one of [datadog, etsy, sysdig, telegraf], got '"
          + config.metrics().flavor() + "'");
    }
  }

  private static void applyEnv(ObjectNode root, Map<String, String> env) {
    ENV_OVERRIDES.forEach((variable, key) -> {
      String value = env.get(variable);
      if (value == null || value.isEmpty()) {
        return;
      }
      String[] parts = key.split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = node.get(parts[i]);
        node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
      }
      node.put(parts[parts.length - 1], value);
    });
  }
}
