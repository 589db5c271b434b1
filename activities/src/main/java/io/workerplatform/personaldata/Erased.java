package io.workerplatform.personaldata;

import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** What erased personal data is overwritten with, the same in every capability. */
public final class Erased {
  /** A text column's value once anonymized (a title, a file name). */
  public static final String TEXT = "[anonymized]";
  /** A JSON column's value once erased (a payload, a provider's callback). */
  public static final JSONB JSON = JSONB.jsonb("{\"anonymized\": true}");

  private Erased() {}

  /** An address that stays unique per row and reaches nobody: {@code anonymized-<id>@invalid}. */
  public static Field<String> address(Field<?> id) {
    return DSL.val("anonymized-").concat(id.cast(String.class)).concat(DSL.val("@invalid"));
  }
}
