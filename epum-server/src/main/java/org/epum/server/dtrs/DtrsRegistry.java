package org.epum.server.dtrs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.epum.core.domain.Names;
import org.epum.core.error.EpumException;
import org.epum.proto.v1.Credentials;
import org.epum.proto.v1.DeployableType;
import org.epum.proto.v1.Site;

/**
 * The deployable type registry (DESIGN §7 Dtrs): deployable types, sites and per-owner
 * credentials, seeded from conf/dtrs/ at start and changed over the Dtrs API. Held in memory:
 * API changes last until the server restarts, when conf/dtrs/ is read again. Thread-safe.
 */
public final class DtrsRegistry {
  private final Map<String, DeployableType> types = new TreeMap<>();
  private final Map<String, Site> sites = new TreeMap<>();
  private final Map<String, Credentials> credentials = new TreeMap<>();
  private final boolean configured;

  /** @param configured whether launches and domains are checked against this registry */
  public DtrsRegistry(boolean configured) {
    this.configured = configured;
  }

  /** False when no DTRS is configured: then nothing is checked against it. */
  public boolean isConfigured() {
    return configured;
  }

  public synchronized DeployableType addDeployableType(DeployableType dt, boolean replace) {
    Names.check("deployable type name", dt.getName());
    dt.getSitesMap().keySet().forEach(s -> Names.check("site name in deployable type " + dt.getName(), s));
    if (!replace && types.containsKey(dt.getName())) {
      throw EpumException.alreadyExists("deployable type " + dt.getName() + " exists; pass replace to change it");
    }
    types.put(dt.getName(), dt);
    return dt;
  }

  public synchronized DeployableType deployableType(String name) {
    return Optional.ofNullable(types.get(name)).orElseThrow(() -> EpumException.notFound("no deployable type '"
        + name + "' in the DTRS; known: " + types.keySet()));
  }

  public synchronized List<String> deployableTypes() {
    return List.copyOf(types.keySet());
  }

  public synchronized void removeDeployableType(String name) {
    if (types.remove(name) == null) {
      throw EpumException.notFound("no deployable type '" + name + "' in the DTRS");
    }
  }

  public synchronized Site addSite(Site site, boolean replace) {
    Names.check("site name", site.getName());
    if (!replace && sites.containsKey(site.getName())) {
      throw EpumException.alreadyExists("site " + site.getName() + " exists; pass replace to change it");
    }
    sites.put(site.getName(), site);
    return site;
  }

  public synchronized Site site(String name) {
    return Optional.ofNullable(sites.get(name)).orElseThrow(() -> EpumException.notFound("no site '" + name
        + "' in the DTRS; known: " + sites.keySet()));
  }

  public synchronized List<String> sites() {
    return List.copyOf(sites.keySet());
  }

  public synchronized void removeSite(String name) {
    if (sites.remove(name) == null) {
      throw EpumException.notFound("no site '" + name + "' in the DTRS");
    }
  }

  public synchronized Credentials addCredentials(Credentials c, boolean replace) {
    Names.check("owner", c.getOwner());
    site(c.getSite());
    String key = c.getOwner() + "/" + c.getSite();
    if (!replace && credentials.containsKey(key)) {
      throw EpumException.alreadyExists("credentials of " + c.getOwner() + " for " + c.getSite()
          + " exist; pass replace to change them");
    }
    credentials.put(key, c);
    return masked(c);
  }

  /** An owner's credentials for a site, values masked. */
  public synchronized Credentials credentials(String owner, String site) {
    return masked(Optional.ofNullable(credentials.get(owner + "/" + site)).orElseThrow(() ->
        EpumException.notFound("no credentials of " + owner + " for site " + site)));
  }

  /** The sites an owner has credentials for. */
  public synchronized List<String> credentialSites(String owner) {
    return credentials.values().stream().filter(c -> c.getOwner().equals(owner)).map(Credentials::getSite).toList();
  }

  public synchronized void removeCredentials(String owner, String site) {
    if (credentials.remove(owner + "/" + site) == null) {
      throw EpumException.notFound("no credentials of " + owner + " for site " + site);
    }
  }

  /**
   * Why a launch of {@code type} at {@code site} cannot happen (unknown type, unknown site, type
   * not offered there), or empty when it can or no DTRS is configured.
   */
  public synchronized Optional<String> launchProblem(String type, String site) {
    if (!configured) {
      return Optional.empty();
    }
    DeployableType dt = types.get(type);
    if (dt == null) {
      return Optional.of("deployable type '" + type + "' is not in the DTRS (known: " + types.keySet() + ")");
    }
    if (!sites.containsKey(site)) {
      return Optional.of("site '" + site + "' is not in the DTRS (known: " + sites.keySet() + ")");
    }
    if (!dt.getSitesMap().isEmpty() && !dt.getSitesMap().containsKey(site)) {
      return Optional.of("deployable type '" + type + "' is not offered at site '" + site + "' (it is at "
          + new TreeMap<>(dt.getSitesMap()).keySet() + ")");
    }
    return Optional.empty();
  }

  private static Credentials masked(Credentials c) {
    var b = c.toBuilder().clearValues();
    c.getValuesMap().keySet().forEach(k -> b.putValues(k, "****"));
    return b.build();
  }
}
