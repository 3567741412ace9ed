package org.epum.client.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Text columns aligned to their widest cell, two spaces apart; null cells print as "-". */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... headers) {
    this.columns = headers.length;
    rows.add(headers);
  }

  Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    rows.add(Arrays.stream(cells).map(Table::cell).toArray(String[]::new));
    return this;
  }

  /** True when only the header is there. */
  boolean isEmpty() {
    return rows.size() == 1;
  }

  String render() {
    int[] widths = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(r[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - r[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String cell(Object o) {
    if (o == null) {
      return "-";
    }
    String s = o.toString().replace('\n', ' ');
    return s.isEmpty() ? "-" : s;
  }
}
