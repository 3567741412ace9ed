package org.epum.server.dtrs;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Seeds the embedded DTRS from dtrs.dir at start (before the provisioner and decider run). */
public final class DtrsService extends AbstractIdleService {
  private static final Logger log = LoggerFactory.getLogger(DtrsService.class);

  private final DtrsRegistry registry;
  private final Path dir;

  public DtrsService(DtrsRegistry registry, Path dir) {
    this.registry = requireNonNull(registry);
    this.dir = requireNonNull(dir);
  }

  @Override
  protected void startUp() {
    if (!registry.isConfigured()) {
      log.warn("no DTRS directory at {}: deployable types and sites are not checked", dir.toAbsolutePath());
      return;
    }
    DtrsFiles.load(dir, registry);
    log.info("DTRS loaded from {}: deployable types {}, sites {}", dir, registry.deployableTypes(), registry.sites());
  }

  @Override
  protected void shutDown() {}
}
