package org.epum.server.config;

import java.nio.file.Path;

/**
 * The embedded DTRS.
 *
 * @param embedded serve a DTRS from this server, seeded from {@code dir}
 * @param dir the directory of DTRS YAML files; when it does not exist, no DTRS is configured and
 *     deployable types and sites are not checked
 */
public record DtrsConfig(boolean embedded, Path dir) {}
