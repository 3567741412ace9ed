package org.epum.client.cli;

/** The {@code --output} choices. */
enum OutputFormat {
  /** Aligned columns and header blocks for humans. */
  TABLE,
  /** One JSON document with snake_case keys, for scripts. */
  JSON,
  /** The same document as YAML. */
  YAML
}
