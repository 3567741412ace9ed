package org.epum.core.engine.multisite;

import static java.util.Objects.requireNonNull;

/**
 * One site of a multisite domain.
 *
 * @param site the site name instances launch at
 * @param size the most instances the site may hold; -1 for no limit
 * @param rank the site's priority, 1 = filled first and shrunk last
 */
public record Cloud(String site, int size, int rank) {
  public static final int UNLIMITED = -1;

  public Cloud {
    requireNonNull(site, "site");
  }

  public boolean unlimited() {
    return size == UNLIMITED;
  }
}
