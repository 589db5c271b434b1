package io.workerplatform.compliance;

import io.workerplatform.compliance.ComplianceSource.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The score of a set of findings: 100 minus each finding's weight (never below 0); {@code GREEN}
 * from 80, {@code AMBER} from 50, {@code RED} below. The issues and recommendations name ids and
 * kinds only; at most {@link #MAX_LISTED} of each are kept (the counts cover all).
 */
public record ComplianceScore(
    int score, String level, List<Map<String, Object>> issues, List<String> recommendations, Map<String, Long> counts) {
  public static final String MISSING_DOCUMENT = "MISSING_DOCUMENT";
  public static final String EXPIRED_DOCUMENT = "EXPIRED_DOCUMENT";
  public static final String EXPIRING_DOCUMENT = "EXPIRING_DOCUMENT";
  public static final String OVERDUE_FILING = "OVERDUE_FILING";
  public static final String FILING_DUE_SOON = "FILING_DUE_SOON";
  public static final List<String> LEVELS = List.of("GREEN", "AMBER", "RED");
  static final int MAX_LISTED = 100;

  /** Points each issue type costs: documented defaults missing 10, expired 15, expiring 5, overdue filing 20, due soon 5. */
  public record Weights(int missing, int expired, int expiring, int overdueFiling, int filingDueSoon) {
    public static final Weights DEFAULTS = new Weights(10, 15, 5, 20, 5);

    int of(String type) {
      return switch (type) {
        case MISSING_DOCUMENT -> missing;
        case EXPIRED_DOCUMENT -> expired;
        case EXPIRING_DOCUMENT -> expiring;
        case OVERDUE_FILING -> overdueFiling;
        case FILING_DUE_SOON -> filingDueSoon;
        default -> throw new IllegalArgumentException("unknown finding type " + type);
      };
    }
  }

  public static ComplianceScore of(List<Finding> findings, Weights weights) {
    long cost = 0;
    Map<String, Long> counts = new LinkedHashMap<>();
    List<Map<String, Object>> issues = new ArrayList<>();
    List<String> recommendations = new ArrayList<>();
    for (Finding f : findings) {
      cost += weights.of(f.type());
      counts.merge(f.type(), 1L, Long::sum);
      if (issues.size() < MAX_LISTED) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("type", f.type());
        issue.put(f.subject() + "Id", f.subjectId());
        issue.put("kind", f.kind());
        if (f.date() != null) {
          issue.put("date", f.date().toString());
        }
        issue.put("points", weights.of(f.type()));
        issues.add(issue);
        recommendations.add(recommendation(f));
      }
    }
    int score = (int) Math.max(0, 100 - cost);
    return new ComplianceScore(score, level(score), issues, recommendations, counts);
  }

  public static String level(int score) {
    return score >= 80 ? "GREEN" : score >= 50 ? "AMBER" : "RED";
  }

  /** Whether {@code level} is worse than {@code previous} (none before counts as {@code GREEN}). */
  public static boolean worsened(String previous, String level) {
    return LEVELS.indexOf(level) > LEVELS.indexOf(previous == null ? "GREEN" : previous);
  }

  private static String recommendation(Finding f) {
    String what = f.subject() + " " + f.subjectId();
    return switch (f.type()) {
      case MISSING_DOCUMENT -> "Add a " + f.kind() + " document to " + what;
      case EXPIRED_DOCUMENT -> "Renew the " + f.kind() + " of " + what + " (expired " + f.date() + ")";
      case EXPIRING_DOCUMENT -> "Renew the " + f.kind() + " of " + what + " before " + f.date();
      case OVERDUE_FILING -> "File " + what + " (" + f.kind() + "), overdue since " + f.date();
      case FILING_DUE_SOON -> "Prepare " + what + " (" + f.kind() + "), due " + f.date();
      default -> f.type() + " " + what;
    };
  }
}
