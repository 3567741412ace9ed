package org.epum.core.domain;

import java.util.Set;
import java.util.regex.Pattern;
import org.epum.core.error.EpumException;

/**
 * Validation of owner, domain and definition names. The whole string is checked (the original
 * system checked only the first character), because names become ZooKeeper path segments.
 */
public final class Names {
  public static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.@-]+");
  private static final Set<String> RESERVED = Set.of(".", "..", "zookeeper");

  private Names() {}

  /**
   * Returns {@code value} if it is a valid name.
   *
   * @param kind what the name names, for the message ("domain_id", "owner", "definition_id")
   * @throws EpumException INVALID_ARGUMENT saying what is wrong and what is allowed
   */
  public static String check(String kind, String value) {
    if (value == null || value.isEmpty()) {
      throw EpumException.invalidArgument(kind + " is required: give 1-" + MAX_LENGTH
          + " characters of A-Z a-z 0-9 _ . @ -");
    }
    if (value.length() > MAX_LENGTH) {
      throw EpumException.invalidArgument(kind + " is " + value.length() + " characters long; the limit is "
          + MAX_LENGTH);
    }
    if (!ALLOWED.matcher(value).matches()) {
      throw EpumException.invalidArgument(kind + " '" + printable(value) + "' has a character outside "
          + "A-Z a-z 0-9 _ . @ - (at position " + firstBadIndex(value) + ")");
    }
    if (RESERVED.contains(value)) {
      throw EpumException.invalidArgument(kind + " '" + value + "' is reserved; choose another name");
    }
    return value;
  }

  private static int firstBadIndex(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!ALLOWED.matcher(value.substring(i, i + 1)).matches()) {
        return i;
      }
    }
    return -1;
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
