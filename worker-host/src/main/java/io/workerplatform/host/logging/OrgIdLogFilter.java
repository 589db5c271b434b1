package io.workerplatform.host.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the organization a request names ({@code /api/orgs/{orgId}/...}) into the log context, so
 * the request's log lines carry it and the workflows it starts get it (OrgIdContextPropagator).
 * The path's id, as asked: it is a log field, not a permission.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrgIdLogFilter extends OncePerRequestFilter {
  private static final String PREFIX = "/api/orgs/";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String orgId = orgId(request.getRequestURI());
    if (orgId == null) {
      chain.doFilter(request, response);
      return;
    }
    MDC.put(LogFields.ORG_ID, orgId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(LogFields.ORG_ID);
    }
  }

  static String orgId(String path) {
    if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
      return null;
    }
    int end = path.indexOf('/', PREFIX.length());
    String id = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
    // ids are short and plain (Ids.CLIENT_ID); anything else is not put into a log line
    return id.length() <= 100 && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || "._:-".indexOf(c) >= 0)
        ? id
        : null;
  }
}
