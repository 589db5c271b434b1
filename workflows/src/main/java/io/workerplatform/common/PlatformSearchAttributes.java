package io.workerplatform.common;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Custom search attributes set on every started workflow. The server must know them before a
 * workflow uses them: the embedded server registers them at start-up, a real one through
 * {@code temporal operator search-attribute create} (see temporal-dev/).
 */
public final class PlatformSearchAttributes {
  public static final SearchAttributeKey<String> ORG_ID = SearchAttributeKey.forKeyword("OrgId");
  public static final SearchAttributeKey<String> ENTITY_ID =
      SearchAttributeKey.forKeyword("EntityId");

  public static final List<SearchAttributeKey<String>> ALL = List.of(ORG_ID, ENTITY_ID);

  private PlatformSearchAttributes() {}
}
