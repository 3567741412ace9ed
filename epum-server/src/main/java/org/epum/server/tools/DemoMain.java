package org.epum.server.tools;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.EpuManagementGrpc;
import org.epum.proto.v1.FailSiteRequest;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.KillInstanceRequest;
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.SetLoadRequest;
import org.epum.proto.v1.SimGrpc;

/**
 * {@code scripts/demo}: a tour of EPUM on its embedded default (embedded provisioner, sim driver,
 * timed decider and doctor). Adds domains and watches them: a simplest domain reaches N RUNNING
 * and OK; a killed instance is replaced; a sensor domain scales up and down with the simulated
 * load; a multisite domain overflows to its second site when the first fails; removing the domains
 * terminates everything. Prints what it sees; exits 1 if a step does not happen within its bound.
 *
 * <p>Usage: {@code scripts/demo [--server HOST:PORT] [--bound SECONDS] [--prefix NAME]}.
 */
public final class DemoMain {
  private final EpuManagementGrpc.EpuManagementBlockingStub management;
  private final SimGrpc.SimBlockingStub sim;
  private final Duration bound;
  private final String prefix;
  private final PrintStream out;

  DemoMain(ManagedChannel channel, Duration bound, String prefix, PrintStream out) {
    this.management = EpuManagementGrpc.newBlockingStub(channel);
    this.sim = SimGrpc.newBlockingStub(channel);
    this.bound = bound;
    this.prefix = prefix;
    this.out = out;
  }

  public static void main(String[] args) {
    String server = System.getenv().getOrDefault("EPUM_SERVER", "localhost:7650");
    Duration bound = Duration.ofSeconds(120);
    String prefix = "demo";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--server" -> server = args[i + 1];
        case "--bound" -> bound = Duration.ofSeconds(Long.parseLong(args[i + 1]));
        case "--prefix" -> prefix = args[i + 1];
        default -> {
          System.err.println("usage: demo [--server HOST:PORT] [--bound SECONDS] [--prefix NAME]");
          System.exit(2);
        }
      }
    }
    System.exit(run(server, bound, prefix, System.out));
  }

  /** Runs the tour against the server; 0 when every step happened in time, 1 otherwise. */
  public static int run(String server, Duration bound, String prefix, PrintStream out) {
    ManagedChannel channel = NettyChannelBuilder.forTarget(server).usePlaintext().build();
    try {
      new DemoMain(channel, bound, prefix, out).tour();
      out.println("demo: every step happened");
      return 0;
    } catch (StepFailed e) {
      out.println("demo: FAILED: " + e.getMessage());
      return 1;
    } catch (StatusRuntimeException e) {
      out.println("demo: FAILED: the server answered " + e.getStatus());
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  private void tour() {
    String web = prefix + "-web";
    String scaled = prefix + "-sensor";
    String multi = prefix + "-multisite";
    definition(prefix + "-simplest", "{\"general\": {\"engine_class\": \"simplest\"}, \"health\": "
        + "{\"monitor_health\": true}, \"engine_conf\": {\"force_site\": \"ec2-east\"}}");
    // missing_timeout 20 s: heartbeats (and their metrics) are persisted every 5 s, so the engine sees the load soon.
    definition(prefix + "-sensor", "{\"general\": {\"engine_class\": \"sensor\"}, \"health\": {\"monitor_health\":"
        + " true, \"missing_timeout\": 20}, \"engine_conf\": {\"scale_up_n_vms\": 2, \"scale_down_n_vms\": 2, \"metric\": \"load\", \"sample_function\": \"Average\", \"minimum_vms\": 1,"
        + " \"maximum_vms\": 3, \"scale_up_threshold\": 0.7, \"scale_down_threshold\": 0.3,"
        + " \"deployable_type\": \"epu_work_consumer\", \"iaas_site\": \"ec2-east\"}}");
    definition(prefix + "-multisite", "{\"general\": {\"engine_class\": \"multisite\"}, \"health\":"
        + " {\"monitor_health\": true}, \"engine_conf\": {\"dtname\": \"epu_work_consumer\", \"minimum_vms\": 2,"
        + " \"maximum_vms\": 2, \"clouds\": [{\"site_name\": \"ec2-east\", \"size\": -1, \"rank\": 1},"
        + " {\"site_name\": \"ec2-west\", \"size\": -1, \"rank\": 2}]}}");

    step("1. simplest domain " + web + " with preserve_n 3 reaches 3 RUNNING and OK");
    addDomain(web, prefix + "-simplest", "{\"engine_conf\": {\"preserve_n\": 3}}");
    Domain d = await(web, "3 RUNNING and OK", x -> healthyRunning(x).size() == 3);
    show(d);

    String victim = healthyRunning(d).get(0).getInstanceId();
    step("2. kill instance " + victim + "; the engine replaces it");
    sim.withDeadlineAfter(10, TimeUnit.SECONDS).killInstance(KillInstanceRequest.newBuilder()
        .setInstanceId(victim).build());
    d = await(web, "the killed instance FAILED and 3 others RUNNING and OK", x -> healthyRunning(x).size() == 3
        && x.getInstancesList().stream().anyMatch(i -> i.getInstanceId().equals(victim)
            && i.getState() == InstanceState.INSTANCE_STATE_FAILED));
    show(d);

    step("3. sensor domain " + scaled + " (1..3 VMs on the heartbeat metric 'load') scales up at load 0.9");
    setLoad(0.1);
    addDomain(scaled, prefix + "-sensor", "{}");
    show(await(scaled, "1 RUNNING and OK", x -> healthyRunning(x).size() == 1));
    setLoad(0.9);
    show(await(scaled, "3 RUNNING and OK", x -> healthyRunning(x).size() == 3));
    step("   ... and back down at load 0.1");
    setLoad(0.1);
    show(await(scaled, "1 live instance", x -> live(x).size() == 1));
    sim.withDeadlineAfter(10, TimeUnit.SECONDS).setLoad(SetLoadRequest.newBuilder().setClear(true).build());

    step("4. site ec2-east fails every launch; multisite domain " + multi + " overflows to ec2-west");
    failSite("ec2-east", true);
    try {
      addDomain(multi, prefix + "-multisite", "{}");
      d = await(multi, "2 RUNNING and OK at ec2-west", x -> healthyRunning(x).stream()
          .filter(i -> i.getSite().equals("ec2-west")).count() == 2);
      show(d);
    } finally {
      failSite("ec2-east", false);
    }

    step("5. remove every domain; everything is terminated and the domains are deleted");
    for (String id : List.of(web, scaled, multi)) {
      management.withDeadlineAfter(10, TimeUnit.SECONDS).removeDomain(RemoveDomainRequest.newBuilder()
          .setDomainId(id).build());
    }
    until("the demo's domains are gone", () -> management.withDeadlineAfter(10, TimeUnit.SECONDS)
        .listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsList().stream()
        .noneMatch(id -> id.startsWith(prefix + "-")));
    out.println("   all domains removed");
  }

  private void definition(String id, String json) {
    try {
      management.withDeadlineAfter(10, TimeUnit.SECONDS).createDefinition(CreateDefinitionRequest.newBuilder()
          .setDefinitionId(id).setConfig(struct(json)).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  private void addDomain(String id, String definition, String json) {
    management.withDeadlineAfter(10, TimeUnit.SECONDS).addDomain(AddDomainRequest.newBuilder().setDomainId(id)
        .setDefinitionId(definition).setConfig(struct(json)).build());
    out.println("   added domain " + id + " (definition " + definition + ")");
  }

  private void setLoad(double load) {
    sim.withDeadlineAfter(10, TimeUnit.SECONDS).setLoad(SetLoadRequest.newBuilder().setLoad(load).build());
    out.println("   simulated load is now " + load);
  }

  private void failSite(String site, boolean failing) {
    sim.withDeadlineAfter(10, TimeUnit.SECONDS).failSite(FailSiteRequest.newBuilder().setSite(site)
        .setFailing(failing).build());
    out.println("   site " + site + (failing ? " fails every launch" : " launches normally again"));
  }

  private Domain await(String id, String what, Predicate<Domain> ok) {
    Domain[] last = new Domain[1];
    until(id + ": " + what, () -> {
      last[0] = management.withDeadlineAfter(10, TimeUnit.SECONDS).describeDomain(DescribeDomainRequest.newBuilder()
          .setDomainId(id).build());
      return ok.test(last[0]);
    });
    out.println("   " + id + ": " + what);
    return last[0];
  }

  private void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new StepFailed(what + " did not happen within " + bound.toSeconds() + "s");
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private void step(String text) {
    out.println();
    out.println(text);
  }

  private void show(Domain d) {
    Map<String, Long> byState = d.getInstancesList().stream().collect(Collectors.groupingBy(
        i -> i.getSite() + " " + i.getState().name().replace("INSTANCE_STATE_", "") + "/"
            + i.getHealth().name().replace("HEALTH_STATE_", ""), TreeMap::new, Collectors.counting()));
    out.println("   " + d.getDomainId() + " instances: " + byState);
  }

  private static List<Instance> healthyRunning(Domain d) {
    return d.getInstancesList().stream().filter(i -> i.getState() == InstanceState.INSTANCE_STATE_RUNNING
        && i.getHealth() == HealthState.HEALTH_STATE_OK).toList();
  }

  private static List<Instance> live(Domain d) {
    return d.getInstancesList().stream().filter(i -> i.getStateValue() < InstanceState.INSTANCE_STATE_TERMINATING_VALUE
        && i.getState() != InstanceState.INSTANCE_STATE_ERROR_RETRYING).toList();
  }

  private static Struct struct(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
    return b.build();
  }

  private static final class StepFailed extends RuntimeException {
    StepFailed(String message) {
      super(message);
    }
  }
}
