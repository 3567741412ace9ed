package org.epum.client.cli;

import org.epum.client.WriteOptions;
import picocli.CommandLine.Option;

/** The {@code --request-id} option, shared by every mutation. */
class RequestIdOption {
  @Option(names = "--request-id", paramLabel = "ID",
      description = "Idempotency key: a retry with the same id is applied at most once")
  String requestId;

  WriteOptions writeOptions() {
    return WriteOptions.requestId(requestId);
  }
}
