package org.epum.server;

import com.google.common.util.concurrent.Service;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.nio.file.Files;
import java.util.List;
import org.epum.server.cloud.CloudService;
import org.epum.server.config.EpumConfig;
import org.epum.server.config.StoreType;
import org.epum.server.dtrs.DtrsService;
import org.epum.server.inject.DtrsModule;
import org.epum.server.inject.EmbeddedCloudModule;
import org.epum.server.inject.ExternalProvisionerModule;
import org.epum.server.inject.LocalDriverModule;
import org.epum.server.inject.SimDriverModule;

/**
 * The embedded DTRS (checked against only when dtrs.dir exists), and which Provisioner the decider calls: the embedded one (sim or local driver; its nodes in ZooKeeper, or in
 * memory with store.type memory) or an external one at provisioner.endpoint. Kept apart from
 * {@link EpumServer} so the cloud's wiring is one place.
 */
final class CloudWiring {
  private CloudWiring() {}

  static List<Module> modules(EpumConfig config) {
    boolean dtrsConfigured = config.dtrs().embedded() && Files.isDirectory(config.dtrs().dir());
    Module dtrs = new DtrsModule(dtrsConfigured, config.dtrs().dir());
    if (!config.provisioner().embedded()) {
      return List.of(dtrs, new ExternalProvisionerModule());
    }
    Module driver = config.provisioner().driver().equals("local") ? new LocalDriverModule() : new SimDriverModule();
    return List.of(dtrs, new EmbeddedCloudModule(), driver, config.store() == StoreType.MEMORY
        ? new EmbeddedCloudModule.MemoryNodes() : new EmbeddedCloudModule.ZooKeeperNodes());
  }

  /** Services to start after the store and before the decider (which calls the provisioner). */
  static List<Service> services(EpumConfig config, Injector injector) {
    Service dtrs = injector.getInstance(DtrsService.class);
    return config.provisioner().embedded() ? List.of(dtrs, injector.getInstance(CloudService.class)) : List.of(dtrs);
  }
}
