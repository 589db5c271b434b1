package io.workerplatform.screening;

import java.util.List;

/**
 * A screening provider (sanctions, PEP and adverse-media lists), called with an organization's
 * API key. A new provider is one more bean; ComplyAdvantage's is {@link ComplyAdvantageClient}.
 * Every failure is a {@link ScreeningException} saying whether and when to try again.
 */
public interface ScreeningProvider {
  /** The match types a search may filter on. */
  List<String> TYPES = List.of("sanction", "warning", "fitness-probity", "pep", "adverse-media");

  /**
   * One search: {@code clientRef} is the platform's reference of the profile (its id), {@code
   * birthYear} narrows a person's matches (null: not given).
   */
  record SearchRequest(String searchTerm, String clientRef, double fuzziness, List<String> types, Integer birthYear) {}

  /** A matched entity: the provider's id for it, its name, and how it matched. */
  record Hit(String id, String name, List<String> matchTypes) {}

  /** A search with all its hits; {@code matchStatus} as the provider words it ({@code no_match}...). */
  record Search(String id, String ref, String matchStatus, String riskLevel, int totalHits, List<Hit> hits) {}

  /** Runs a search and reads its hits (every page of them). */
  Search search(String apiKey, SearchRequest request);

  /** A search as it is now (monitoring changes it), with all its hits. */
  Search details(String apiKey, String searchId);

  /** Starts or stops the provider's monitoring of the search. */
  void monitor(String apiKey, String searchId, boolean monitored);
}
