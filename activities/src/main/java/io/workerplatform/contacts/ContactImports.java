package io.workerplatform.contacts;

import static io.workerplatform.db.Tables.CONTACTS;

import io.workerplatform.common.EmailAddresses;
import io.workerplatform.common.Ids;
import io.workerplatform.imports.ImportTarget;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * Imports contacts ({@code email,name} and optionally {@code locale}), matched to the
 * organization's live contact with the same address ignoring case: a match is updated, no match
 * makes a new contact, and an erased or deleted contact is never revived. An address that matches
 * several live contacts is the row's error. Rows of one batch with the same address are one
 * contact: the first creates it (or updates the match), the later ones update it. A batch is
 * three statements whatever its size: the matches, the updates, the inserts.
 */
public final class ContactImports implements ImportTarget {
  public static final String KIND = "contacts";
  static final int MAX_NAME = 200;
  static final int MAX_LOCALE = 35;
  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<String> requiredColumns() {
    return List.of("email", "name");
  }

  @Override
  public List<String> optionalColumns() {
    return List.of("locale");
  }

  @Override
  public List<Outcome> apply(DSLContext t, String orgId, List<Row> rows, OffsetDateTime now) {
    Outcome[] outcomes = new Outcome[rows.size()];
    // the rows to write, by address in lower case; the last row of an address gives the values
    Map<String, List<Integer>> byAddress = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Outcome rejected = check(rows.get(i));
      if (rejected != null) {
        outcomes[i] = rejected;
      } else {
        byAddress.computeIfAbsent(key(rows.get(i)), k -> new ArrayList<>()).add(i);
      }
    }
    if (byAddress.isEmpty()) {
      return Arrays.asList(outcomes);
    }
    Field<String> lower = DSL.lower(CONTACTS.EMAIL);
    Map<String, Record3<String, Integer, String>> matches =
        t.select(lower, DSL.count(), DSL.min(CONTACTS.ID))
            .from(CONTACTS)
            .where(CONTACTS.ORG_ID.eq(orgId))
            .and(CONTACTS.DELETED_AT.isNull())
            .and(lower.eq(DSL.any(byAddress.keySet().toArray(String[]::new))))
            .groupBy(lower)
            .fetchMap(lower);
    Columns updates = new Columns();
    Columns inserts = new Columns();
    for (var address : byAddress.entrySet()) {
      List<Integer> indexes = address.getValue();
      Row last = rows.get(indexes.get(indexes.size() - 1));
      var match = matches.get(address.getKey());
      int found = match == null ? 0 : match.value2();
      if (found > 1) {
        Outcome several = Outcome.rejected("email", "matches " + found + " contacts of the organization");
        indexes.forEach(i -> outcomes[i] = several);
        continue;
      }
      if (found == 1) {
        updates.add(match.value3(), last);
        indexes.forEach(i -> outcomes[i] = Outcome.UPDATED);
      } else {
        inserts.add(Ids.newId("con"), last);
        indexes.forEach(i -> outcomes[i] = Outcome.UPDATED);
        outcomes[indexes.get(0)] = Outcome.IMPORTED;
      }
    }
    boolean hasLocale = rows.get(0).has("locale");
    if (updates.size() > 0) {
      // without a locale column the contact keeps its locale
      t.execute("update {0} c set email = u.email, name = u.name, locale = case when {1} then u.locale else c.locale end"
              + " from unnest({2}, {3}, {4}, {5}) as u(id, email, name, locale) where c.id = u.id and c.org_id = {6}",
          CONTACTS, DSL.val(hasLocale), DSL.val(updates.ids()), DSL.val(updates.emails()), DSL.val(updates.names()),
          DSL.val(updates.locales()), DSL.val(orgId));
    }
    if (inserts.size() > 0) {
      t.execute("insert into {0} (id, org_id, email, name, locale, created_at)"
              + " select u.id, {1}, u.email, u.name, u.locale, {2} from unnest({3}, {4}, {5}, {6}) as u(id, email, name, locale)",
          CONTACTS, DSL.val(orgId), DSL.val(now), DSL.val(inserts.ids()), DSL.val(inserts.emails()),
          DSL.val(inserts.names()), DSL.val(inserts.locales()));
    }
    return Arrays.asList(outcomes);
  }

  /** The row's problem, or null when it can be written. */
  private static Outcome check(Row row) {
    String email = row.value("email");
    if (email == null) {
      return Outcome.rejected("email", "is required");
    }
    if (!EmailAddresses.isValid(email)) {
      return Outcome.rejected("email", "is not a valid email address");
    }
    String name = row.value("name");
    if (name != null && name.length() > MAX_NAME) {
      return Outcome.rejected("name", "must be at most " + MAX_NAME + " characters");
    }
    String locale = row.value("locale");
    if (locale != null && (locale.length() > MAX_LOCALE || !LOCALE.matcher(locale).matches())) {
      return Outcome.rejected("locale", "must be a language tag such as en or pt-BR");
    }
    return null;
  }

  private static String key(Row row) {
    return row.value("email").toLowerCase(Locale.ROOT);
  }

  /** The values of the contacts one statement writes, column by column (unnest's arrays). */
  private static final class Columns {
    private final List<String> ids = new ArrayList<>();
    private final List<String> emails = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> locales = new ArrayList<>();

    void add(String id, Row row) {
      ids.add(id);
      emails.add(row.value("email"));
      names.add(row.value("name"));
      String locale = row.value("locale");
      locales.add(locale == null ? "en" : locale);
    }

    int size() {
      return ids.size();
    }

    String[] ids() {
      return ids.toArray(String[]::new);
    }

    String[] emails() {
      return emails.toArray(String[]::new);
    }

    String[] names() {
      return names.toArray(String[]::new);
    }

    String[] locales() {
      return locales.toArray(String[]::new);
    }
  }
}
