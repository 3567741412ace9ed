package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.epum.server.auth.Authenticator;
import org.epum.server.auth.TokenRegistry;

/** Public bindings: an {@link Authenticator} over the bearer tokens loaded (by main) from auth.tokens_file. */
public final class TokenAuthModule extends AbstractModule {
  private final TokenRegistry tokens;

  public TokenAuthModule(TokenRegistry tokens) {
    this.tokens = tokens;
  }

  @Provides
  @Singleton
  Authenticator authenticator() {
    return Authenticator.tokens(tokens);
  }
}
