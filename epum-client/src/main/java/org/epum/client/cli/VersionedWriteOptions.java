package org.epum.client.cli;

import org.epum.client.WriteOptions;
import picocli.CommandLine.Option;

/** {@code --request-id} plus {@code --expected-version}, for mutations of versioned objects. */
final class VersionedWriteOptions extends RequestIdOption {
  @Option(names = "--expected-version", paramLabel = "V",
      description = "Apply only if the stored version is V (else exit 6)")
  Long expectedVersion;

  @Override
  WriteOptions writeOptions() {
    WriteOptions w = super.writeOptions();
    return expectedVersion == null ? w : w.withExpectedVersion(expectedVersion);
  }
}
