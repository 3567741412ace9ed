package org.epum.core.store.zk;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.epum.core.domain.DomainKey;

/**
 * Every znode path EPUM uses, and nothing else builds one. Ids become single path segments; a
 * character outside {@code A-Z a-z 0-9 _ . @ -} (and the segments {@code .} and {@code ..}) is
 * percent-encoded, so any id maps to exactly one legal segment and back.
 *
 * <pre>
 * &lt;root&gt;/definitions/&lt;id&gt;
 * &lt;root&gt;/domains/&lt;owner&gt;/&lt;domain&gt;                    DomainRecord
 * &lt;root&gt;/domains/&lt;owner&gt;/&lt;domain&gt;/subscribers        the subscriber list
 * &lt;root&gt;/domains/&lt;owner&gt;/&lt;domain&gt;/instances/&lt;id&gt;
 * &lt;root&gt;/domains/&lt;owner&gt;/&lt;domain&gt;/events/...          (later: domain events)
 * &lt;root&gt;/instance-index/&lt;instance_id&gt;              owner and domain of the instance
 * &lt;root&gt;/requests/&lt;owner&gt;/&lt;request_id&gt;            RequestMark
 * &lt;root&gt;/epochs/&lt;role&gt;                            epoch = znode version + 1
 * &lt;root&gt;/elections/&lt;role&gt;                         (later: leader latches)
 * </pre>
 */
public final class ZkPaths {
  static final String DEFINITIONS = "definitions";
  static final String DOMAINS = "domains";
  static final String SUBSCRIBERS = "subscribers";
  static final String INSTANCES = "instances";
  static final String EVENTS = "events";
  static final String EVENT_PREFIX = "ev-";
  static final String INDEX = "instance-index";
  static final String REQUESTS = "requests";
  static final String EPOCHS = "epochs";
  static final String ELECTIONS = "elections";

  private final String root;

  public ZkPaths(String root) {
    this.root = requireNonNull(root, "root");
  }

  public String root() {
    return root;
  }

  public String definitions() {
    return root + "/" + DEFINITIONS;
  }

  public String definition(String definitionId) {
    return definitions() + "/" + segment(definitionId);
  }

  public String domains() {
    return root + "/" + DOMAINS;
  }

  public String ownerDomains(String owner) {
    return domains() + "/" + segment(owner);
  }

  public String domain(DomainKey key) {
    return ownerDomains(key.owner()) + "/" + segment(key.domainId());
  }

  public String subscribers(DomainKey key) {
    return domain(key) + "/" + SUBSCRIBERS;
  }

  public String instances(DomainKey key) {
    return domain(key) + "/" + INSTANCES;
  }

  public String instance(DomainKey key, String instanceId) {
    return instances(key) + "/" + segment(instanceId);
  }

  public String events(DomainKey key) {
    return domain(key) + "/" + EVENTS;
  }

  /** One event of a domain's log; zero-padded so znode names sort in sequence order. */
  public String event(DomainKey key, long sequence) {
    return events(key) + "/" + EVENT_PREFIX + String.format("%012d", sequence);
  }

  public String instanceIndex() {
    return root + "/" + INDEX;
  }

  public String indexEntry(String instanceId) {
    return instanceIndex() + "/" + segment(instanceId);
  }

  public String requests() {
    return root + "/" + REQUESTS;
  }

  public String ownerRequests(String owner) {
    return requests() + "/" + segment(owner);
  }

  public String request(String owner, String requestId) {
    return ownerRequests(owner) + "/" + segment(requestId);
  }

  public String epochs() {
    return root + "/" + EPOCHS;
  }

  public String epoch(String role) {
    return epochs() + "/" + segment(role);
  }

  public String elections() {
    return root + "/" + ELECTIONS;
  }

  public String election(String role) {
    return elections() + "/" + segment(role);
  }

  /** The paths {@link ZooKeeperEpumStore#start()} creates. */
  List<String> basePaths() {
    return List.of(root, definitions(), domains(), instanceIndex(), requests(), epochs());
  }

  /** What a path under the root holds; {@link ZkLocation.Other} for anything the store does not decode. */
  ZkLocation parse(String path) {
    if (!path.startsWith(root + "/")) {
      return ZkLocation.Other.INSTANCE;
    }
    String[] s = path.substring(root.length() + 1).split("/", -1);
    return switch (s[0]) {
      case DEFINITIONS -> s.length == 2 ? new ZkLocation.Definition(unsegment(s[1])) : ZkLocation.Other.INSTANCE;
      case DOMAINS -> parseDomainPath(s);
      case INDEX -> s.length == 2 ? new ZkLocation.IndexEntry(unsegment(s[1])) : ZkLocation.Other.INSTANCE;
      case REQUESTS -> s.length == 3 ? new ZkLocation.Request(unsegment(s[1]), unsegment(s[2]))
          : ZkLocation.Other.INSTANCE;
      case EPOCHS -> s.length == 2 ? new ZkLocation.Epoch(unsegment(s[1])) : ZkLocation.Other.INSTANCE;
      default -> ZkLocation.Other.INSTANCE;
    };
  }

  private static ZkLocation parseDomainPath(String[] s) {
    if (s.length < 3) {
      return ZkLocation.Other.INSTANCE;
    }
    DomainKey key = new DomainKey(unsegment(s[1]), unsegment(s[2]));
    if (s.length == 3) {
      return new ZkLocation.Domain(key);
    }
    if (s.length == 4 && s[3].equals(SUBSCRIBERS)) {
      return new ZkLocation.Subscribers(key);
    }
    if (s.length == 5 && s[3].equals(INSTANCES)) {
      return new ZkLocation.Instance(key, unsegment(s[4]));
    }
    if (s.length == 5 && s[3].equals(EVENTS) && s[4].startsWith(EVENT_PREFIX)) {
      try {
        return new ZkLocation.Event(key, Long.parseLong(s[4].substring(EVENT_PREFIX.length())));
      } catch (NumberFormatException e) {
        return ZkLocation.Other.INSTANCE;
      }
    }
    return ZkLocation.Other.INSTANCE;
  }

  /** Encodes an id as one path segment (identity for valid EPUM names). */
  static String segment(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("an empty id cannot name a znode");
    }
    if (id.equals(".") || id.equals("..")) {
      return id.replace(".", "%2E");
    }
    StringBuilder out = new StringBuilder(id.length());
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (isPlain(c)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  static String unsegment(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length()) {
        bytes.write(Integer.parseInt(segment, i + 1, i + 3, 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '@' || c == '-';
  }
}
