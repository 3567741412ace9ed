package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.epum.server.auth.Authenticator;
import org.epum.server.config.AuthConfig;

/** Public bindings: an {@link Authenticator} that makes every caller auth.default_owner with every role. */
public final class NoAuthModule extends AbstractModule {
  @Provides
  @Singleton
  Authenticator authenticator(AuthConfig config) {
    return Authenticator.anonymous(config.defaultOwner());
  }
}
