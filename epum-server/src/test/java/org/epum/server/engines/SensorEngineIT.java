package org.epum.server.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.InstanceState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenarios 62-64: the sensor engine end to end through the gRPC API on ZooKeeper, with each
 * sensor source: agents' heartbeats, mockcloudwatch series in engine_conf, and a Prometheus HTTP
 * query API served by the test.
 */
class SensorEngineIT extends EngineITBase {
  private static final String D = "sensor1";
  private static final String THRESHOLDS = """
      "minimum_vms": 1, "maximum_vms": 3, "sample_function": "Average",
      "scale_up_threshold": 2.0, "scale_up_n_vms": 1, "scale_down_threshold": 0.5, "scale_down_n_vms": 1""";

  @BeforeEach
  void sensorDefinition() {
    definition("sensor", """
        {"general": {"engine_class": "sensor"}, "health": {"monitor_health": true}}""");
  }

  @Test
  void scenario62_scalesBetweenMinimumAndMaximumOnHeartbeatMetrics() {
    add(D, "sensor", """
        {"engine_conf": {%s, "metric": "fake", "deployable_type": "dt1", "sensor_type": "heartbeat"}}"""
        .formatted(THRESHOLDS));
    List<Decision> first = decide(D);
    assertThat(launched(first)).isEqualTo(1);
    assertThat(provisioner.provisions.get(0).getDeployableType()).isEqualTo("dt1");
    settle(D);

    // Every pass below runs at the same clock reading as the heartbeats before it: new metric
    // values must reach the decision at once, not after heartbeat.persist_interval.
    for (int expected = 2; expected <= 3; expected++) {
      heartbeatAll(D, "fake", 3.0); // Average of [1, 3, 5]
      List<Decision> up = decide(D);
      assertThat(reasons(withAction(up, DecisionAction.DECISION_ACTION_LAUNCH)))
          .containsExactly(DecisionReason.DECISION_REASON_SCALE_UP);
      assertThat(provisioner.provisionCount()).isEqualTo(expected);
      settle(D);
    }
    heartbeatAll(D, "fake", 3.0);
    assertThat(reasons(decide(D))).containsExactly(DecisionReason.DECISION_REASON_AT_MAXIMUM);
    assertThat(provisioner.provisionCount()).isEqualTo(3);
    assertThat(live(D)).allSatisfy(i -> assertThat(i.getSensorData().getFieldsOrThrow("fake").getNumberValue())
        .isEqualTo(3.0));

    heartbeatAll(D, "fake", 1.0 / 3); // Average of [0, 1, 0]
    for (int expected = 1; expected <= 2; expected++) {
      List<Decision> down = decide(D);
      assertThat(reasons(withAction(down, DecisionAction.DECISION_ACTION_TERMINATE)))
          .containsExactly(DecisionReason.DECISION_REASON_SCALE_DOWN);
      assertThat(provisioner.terminatedCount()).isEqualTo(expected);
      settle(D);
    }
    assertThat(reasons(decide(D))).containsExactly(DecisionReason.DECISION_REASON_AT_MINIMUM);
    assertThat(provisioner.terminatedCount()).isEqualTo(2);
    assertThat(provisioner.provisionCount()).isEqualTo(3);
    assertThat(live(D)).hasSize(1);
    assertThat(reasons(loggedDecisions(D))).containsSubsequence(DecisionReason.DECISION_REASON_SCALE_UP,
        DecisionReason.DECISION_REASON_AT_MAXIMUM, DecisionReason.DECISION_REASON_SCALE_DOWN,
        DecisionReason.DECISION_REASON_AT_MINIMUM);
  }

  @Test
  void heartbeatMetricsDriveScalingEvenWithHealthMonitoringOff() {
    add(D, "sensor", """
        {"health": {"monitor_health": false},
         "engine_conf": {"minimum_vms": 1, "maximum_vms": 2, "metric": "load", "scale_up_threshold": 2}}""");
    decide(D);
    settle(D);
    String first = provisionedIds().get(0);

    var answer = server.stubs().heartbeats().heartbeat(HeartbeatRequest.newBuilder()
        .setNodeId(first).setState(HealthState.HEALTH_STATE_PROCESS_ERROR).putMetrics("load", 3.0)
        .build());
    assertThat(answer.getAccepted()).as("its health is still ignored").isFalse();

    assertThat(reasons(withAction(decide(D), DecisionAction.DECISION_ACTION_LAUNCH)))
        .containsExactly(DecisionReason.DECISION_REASON_SCALE_UP);
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    assertThat(provisioner.terminatedCount()).as("the ignored PROCESS_ERROR made nothing unhealthy").isZero();
  }

  @Test
  void scenario63_sensorDomainsHandOutUniqueValues() {
    add(D, "sensor", """
        {"engine_conf": {"minimum_vms": 2, "maximum_vms": 3, "unique_key": "somekey", "unique_values": [1, 2, 3]}}""");
    decide(D);
    assertThat(provisioner.provisions).extracting(p -> p.getVars().getFieldsOrThrow("somekey").getNumberValue())
        .containsExactly(1.0, 2.0);
    settle(D);

    report(provisioner.provisions.get(0).getInstanceId(), InstanceState.INSTANCE_STATE_FAILED);
    decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(3);
    assertThat(provisioner.provisions.get(2).getVars().getFieldsOrThrow("somekey").getNumberValue()).isEqualTo(1.0);
  }

  @Test
  void scenario64_cooldownHoldsScalingUntilItHasPassed() {
    add(D, "sensor", """
        {"engine_conf": {%s, "metric": "load", "sensor_type": "mockcloudwatch", "monitor_sensors": ["load"],
         "sensor_data": {"load": [0, 0, 0]}}}""".formatted(THRESHOLDS));
    decide(D);
    settle(D);
    assertThat(live(D)).hasSize(1);

    reconfigure(D, "{\"engine_conf\": {\"sensor_data\": {\"load\": [3, 3, 5]}}}");
    decideAndSettle(2);
    assertThat(live(D)).hasSize(3);
    assertThat(reasons(decide(D))).containsExactly(DecisionReason.DECISION_REASON_AT_MAXIMUM);
    assertThat(live(D)).allSatisfy(i -> assertThat(i.getSensorData().getFieldsOrThrow("load").getStructValue()
        .getFieldsOrThrow("Series").getListValue().getValuesCount()).isEqualTo(3));

    reconfigure(D, "{\"engine_conf\": {\"sensor_data\": {\"load\": [0, 0, 0]}}}");
    decideAndSettle(2);
    assertThat(live(D)).hasSize(1);

    reconfigure(D, "{\"engine_conf\": {\"sensor_data\": {\"load\": [3, 3, 5]}, \"cooldown_period\": 100}}");
    advance(10);
    List<Decision> held = decide(D);
    assertThat(reasons(held)).containsExactly(DecisionReason.DECISION_REASON_COOLDOWN);
    assertThat(held.get(0).getMessage()).contains("cooldown_period 100");
    assertThat(live(D)).hasSize(1);

    reconfigure(D, "{\"engine_conf\": {\"cooldown_period\": 10}}");
    assertThat(launched(decide(D))).isEqualTo(1);
    settle(D);
    assertThat(reasons(decide(D))).as("a new cooldown started with that scale-up")
        .containsExactly(DecisionReason.DECISION_REASON_COOLDOWN);
    advance(10);
    assertThat(launched(decide(D))).isEqualTo(1);
    settle(D);
    assertThat(live(D)).hasSize(3);
    assertThat(reasons(loggedDecisions(D))).contains(DecisionReason.DECISION_REASON_COOLDOWN);
  }

  @Test
  void cooldownStillReplacesFailedInstancesAndKeepsTheMinimum() {
    // DESIGN §5 fix: the original skipped min/max and replacements during a cooldown.
    add(D, "sensor", """
        {"engine_conf": {%s, "cooldown_period": 100, "metric": "load", "sensor_type": "mockcloudwatch",
         "monitor_sensors": ["load"], "sensor_data": {"load": [3, 3, 5]}}}""".formatted(THRESHOLDS));
    decide(D);
    settle(D);
    assertThat(reasons(decide(D))).contains(DecisionReason.DECISION_REASON_SCALE_UP);
    settle(D);
    assertThat(live(D)).hasSize(2);

    report(live(D).get(0).getInstanceId(), InstanceState.INSTANCE_STATE_FAILED);
    List<Decision> replaced = decide(D);
    assertThat(reasons(replaced)).contains(DecisionReason.DECISION_REASON_COOLDOWN);
    assertThat(reasons(withAction(replaced, DecisionAction.DECISION_ACTION_LAUNCH)))
        .containsExactly(DecisionReason.DECISION_REASON_BELOW_TARGET);
    settle(D);
    assertThat(live(D)).hasSize(2);

    reconfigure(D, "{\"engine_conf\": {\"minimum_vms\": 3}}");
    List<Decision> raised = decide(D);
    assertThat(reasons(raised)).contains(DecisionReason.DECISION_REASON_COOLDOWN);
    assertThat(launched(raised)).isEqualTo(1);
    assertThat(provisioner.provisionCount()).isEqualTo(4);
  }

  @Test
  void prometheusSourceScalesOnTheQueriedValueAndHoldsWhileItIsDown() throws IOException {
    var prometheus = new PrometheusStub();
    try {
      prometheus.value.set("3");
      add(D, "sensor", """
          {"engine_conf": {"minimum_vms": 1, "maximum_vms": 2, "scale_up_threshold": 2, "scale_down_threshold": 0.5,
           "metric": "jobs", "sensor_type": "prometheus", "prometheus_url": "%s",
           "prometheus_query": "avg(rate(jobs_total[1m]))"}}""".formatted(prometheus.url()));
      List<Decision> up = decide(D);
      assertThat(reasons(withAction(up, DecisionAction.DECISION_ACTION_LAUNCH)))
          .containsOnly(DecisionReason.DECISION_REASON_SCALE_UP);
      assertThat(provisioner.provisionCount()).isEqualTo(2);
      assertThat(prometheus.queries).contains("avg(rate(jobs_total[1m]))");
      assertThat(describe(D).getSensorData().getFieldsOrThrow("jobs").getStructValue().getFieldsOrThrow("Series")
          .getListValue().getValues(0).getNumberValue()).isEqualTo(3.0);
      settle(D);

      prometheus.value.set(null);
      List<Decision> held = decide(D);
      assertThat(reasons(held)).containsExactly(DecisionReason.DECISION_REASON_AT_TARGET);
      assertThat(held.get(0).getMessage()).contains("no sensor data");
      assertThat(provisioner.terminatedCount()).isZero();

      prometheus.value.set("0.1");
      List<Decision> down = decide(D);
      assertThat(reasons(withAction(down, DecisionAction.DECISION_ACTION_TERMINATE)))
          .containsExactly(DecisionReason.DECISION_REASON_SCALE_DOWN);
      assertThat(provisioner.terminatedCount()).isEqualTo(1);
    } finally {
      prometheus.close();
    }
  }

  /** Runs {@code passes} decider passes, letting the Provisioner act on each one's calls. */
  private void decideAndSettle(int passes) {
    for (int i = 0; i < passes; i++) {
      decide(D);
      settle(D);
    }
  }

  /** Prometheus's instant-query API ({@code GET /api/v1/query}); HTTP 503 while {@link #value} is null. */
  private static final class PrometheusStub implements AutoCloseable {
    final AtomicReference<String> value = new AtomicReference<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    private final HttpServer http;

    PrometheusStub() throws IOException {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/api/v1/query", this::answer);
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
      String raw = exchange.getRequestURI().getRawQuery();
      for (String param : raw == null ? new String[0] : raw.split("&")) {
        if (param.startsWith("query=")) {
          queries.add(URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8));
        }
      }
      String v = value.get();
      int status = v == null ? 503 : 200;
      String body = v == null ? "{\"status\": \"error\", \"error\": \"down\"}" : """
          {"status": "success", "data": {"resultType": "vector",
           "result": [{"metric": {}, "value": [1700000000.0, "%s"]}]}}""".formatted(v);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (var out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }
}
