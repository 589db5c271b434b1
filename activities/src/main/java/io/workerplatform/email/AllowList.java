package io.workerplatform.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The development allow-list: outside production only listed recipients receive mail. Entries are
 * addresses ({@code ana@example.com}) or whole domains ({@code *@example.com}), compared without
 * case. An empty list allows everyone (production).
 */
public final class AllowList {
  private final List<String> addresses = new ArrayList<>();
  private final List<String> domains = new ArrayList<>();

  private AllowList(List<String> entries) {
    for (String raw : entries) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("*@") && entry.length() > 2) {
        domains.add(entry.substring(1)); // keeps the @, so "*@a.com" does not match "x@ba.com"
      } else if (entry.indexOf('@') > 0 && !entry.contains("*")) {
        addresses.add(entry);
      } else {
        throw new IllegalArgumentException(
            "platform.email.allow-list: '" + raw.strip() + "' is neither an address nor *@domain");
      }
    }
  }

  /** Parses a comma-separated list, as {@code EMAILS_WHITELIST} holds it. */
  public static AllowList parse(String commaSeparated) {
    return of(commaSeparated == null ? List.of() : List.of(commaSeparated.split(",")));
  }

  public static AllowList of(List<String> entries) {
    return new AllowList(entries);
  }

  public boolean restricts() {
    return !addresses.isEmpty() || !domains.isEmpty();
  }

  public boolean allows(String address) {
    if (!restricts()) {
      return true;
    }
    String normalized = address.strip().toLowerCase(Locale.ROOT);
    return addresses.contains(normalized) || domains.stream().anyMatch(normalized::endsWith);
  }
}
