package org.epum.server;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;

/** In external-decide mode, does at start what a newly elected decider does (no loop will). */
final class ExternalDecideStart extends AbstractIdleService {
  private final ManualPasses passes;

  ExternalDecideStart(ManualPasses passes) {
    this.passes = requireNonNull(passes);
  }

  @Override
  protected void startUp() {
    passes.takeOver();
  }

  @Override
  protected void shutDown() {}
}
