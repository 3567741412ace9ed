package org.epum.core.engine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.EngineConfigCheck;
import org.epum.core.engine.support.EngineConfs;
import org.epum.core.error.EpumException;

/**
 * Every decision engine EPUM can run, found through {@link ServiceLoader}, and the resolution of
 * {@code general.engine_class} to one of them. A name selects an engine when it is the engine's
 * short name, one of its aliases (its Java class name, the original Python class path), or its
 * provider's class name; the last segment of a dotted alias ({@code SimplestEngine}) also works
 * when no other engine claims it. Names are case-sensitive. An absent engine_class selects
 * {@value #DEFAULT_ENGINE}.
 *
 * <p>Immutable and thread-safe once built; also the engine half of domain config validation.
 */
public final class EngineRegistry implements EngineConfigCheck {
  public static final String DEFAULT_ENGINE = "simplest";
  public static final String ENGINE_CLASS = "engine_class";

  private final Map<String, EngineProvider> byName;
  private final List<String> names;

  /**
   * Loads every provider the class loader's {@code META-INF/services} files name.
   *
   * @throws IllegalStateException if a provider cannot be loaded or two providers claim one name
   */
  public EngineRegistry(ClassLoader loader) {
    this(load(requireNonNull(loader, "loader")));
  }

  private EngineRegistry(List<EngineProvider> providers) {
    Map<String, EngineProvider> exact = new HashMap<>();
    for (EngineProvider p : providers) {
      for (String name : exactNames(p)) {
        EngineProvider other = exact.putIfAbsent(name, p);
        if (other != null && other.getClass() != p.getClass()) {
          throw new IllegalStateException("engine name '" + name + "' is claimed by both "
              + other.getClass().getName() + " and " + p.getClass().getName() + "; remove one from the classpath");
        }
      }
    }
    Map<String, EngineProvider> all = new HashMap<>(exact);
    Set<String> ambiguous = new HashSet<>();
    for (EngineProvider p : providers) {
      for (String alias : p.aliases()) {
        String simple = alias.substring(alias.lastIndexOf('.') + 1);
        if (simple.isEmpty() || exact.containsKey(simple)) {
          continue;
        }
        EngineProvider other = all.putIfAbsent(simple, p);
        if (other != null && other.getClass() != p.getClass()) {
          ambiguous.add(simple);
        }
      }
    }
    ambiguous.forEach(all::remove);
    this.byName = Map.copyOf(all);
    this.names = providers.stream().map(EngineProvider::name).sorted().distinct().toList();
  }

  /** The registry of the providers on EPUM's own class path. */
  public static EngineRegistry fromClasspath() {
    return new EngineRegistry(EngineRegistry.class.getClassLoader());
  }

  /** A registry of exactly these providers (for tests and embedders). */
  public static EngineRegistry of(List<EngineProvider> providers) {
    return new EngineRegistry(List.copyOf(providers));
  }

  /**
   * The provider selected by an {@code engine_class} value; null selects {@value #DEFAULT_ENGINE}.
   *
   * @throws EpumException INVALID_ARGUMENT naming the value and the known engines
   */
  public EngineProvider resolve(String engineClassOrNull) {
    String name = engineClassOrNull == null ? DEFAULT_ENGINE : engineClassOrNull.trim();
    EngineProvider p = byName.get(name);
    if (p == null) {
      throw EpumException.invalidArgument("unknown engine '" + engineClassOrNull + "' in general." + ENGINE_CLASS
          + "; known engines are " + names + " (or their class names)");
    }
    return p;
  }

  /** The selected engine's documentation (what it does, every engine_conf key and its default). */
  public String documentation(String engineClassOrNull) {
    return resolve(engineClassOrNull).documentation();
  }

  /** The short names of every known engine, sorted. */
  public List<String> names() {
    return names;
  }

  /**
   * Checks a domain's merged config: {@code general.engine_class} must be a string naming a known
   * engine, and that engine must accept the {@code engine_conf} section (absent = empty).
   */
  @Override
  public void check(DomainConfig mergedConfig) {
    Object engineClass = mergedConfig.get(DomainConfig.GENERAL, ENGINE_CLASS).orElse(null);
    if (engineClass != null && !(engineClass instanceof String)) {
      throw EpumException.invalidArgument("general." + ENGINE_CLASS + " must be a string naming an engine, one of "
          + names + "; got " + EngineConfs.describe(engineClass));
    }
    resolve((String) engineClass).validate(mergedConfig.section(DomainConfig.ENGINE_CONF));
  }

  private static List<String> exactNames(EngineProvider p) {
    List<String> names = new ArrayList<>();
    names.add(requireNonNull(p.name(), "provider name"));
    names.addAll(p.aliases());
    names.add(p.getClass().getName());
    return names;
  }

  private static List<EngineProvider> load(ClassLoader loader) {
    List<EngineProvider> out = new ArrayList<>();
    try {
      ServiceLoader.load(EngineProvider.class, loader).forEach(out::add);
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("could not load a decision engine provider: " + e.getMessage(), e);
    }
    return out;
  }
}
