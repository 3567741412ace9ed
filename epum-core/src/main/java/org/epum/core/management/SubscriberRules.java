package org.epum.core.management;

import java.util.regex.Pattern;
import org.epum.core.domain.Names;
import org.epum.core.domain.Subscriber;
import org.epum.core.error.EpumException;

/** What a subscription must look like: a valid name and a {@code host:port} gRPC endpoint. */
final class SubscriberRules {
  private static final Pattern ENDPOINT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_.-]+):(\\d{1,5})");
  static final int MAX_PER_DOMAIN = 64;

  private SubscriberRules() {}

  static Subscriber check(Subscriber s) {
    Names.check("subscriber name", s.name());
    var m = ENDPOINT.matcher(s.endpoint());
    if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
      throw EpumException.invalidArgument("subscriber " + s.name() + " endpoint '" + s.endpoint()
          + "' is not host:port (e.g. localhost:7700); it must be a gRPC server implementing Subscriber.NodeState");
    }
    return s;
  }
}
