package io.workerplatform.host.security;

import io.workerplatform.host.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** The API chain's two throttles, each answering 429 with {@code Retry-After}. */
final class ThrottleFilters {
  private ThrottleFilters() {}

  /**
   * Before the token is looked at: an address that presented too many wrong tokens waits out its
   * minute. Requests without a token pass (they cannot guess; they get their 401).
   */
  static OncePerRequestFilter failedAuthentications(FailedAuthentications failures, ProblemResponses problems) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        long blocked = request.getHeader(HttpHeaders.AUTHORIZATION) == null ? 0 : failures.blockedFor(request.getRemoteAddr());
        if (blocked > 0) {
          tooMany(problems, request, response, blocked, "too many failed authentications from this address; try again later");
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }

  /** After authentication: each organization key's request rate (the admin token has none). */
  static OncePerRequestFilter keyRate(ApiTokens tokens, ProblemResponses problems) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
          long wait = tokens.acquire(caller);
          if (wait > 0) {
            tooMany(problems, request, response, wait, "this key's request rate is exceeded; try again later");
            return;
          }
        }
        chain.doFilter(request, response);
      }
    };
  }

  static void tooMany(
      ProblemResponses problems, HttpServletRequest request, HttpServletResponse response, long nanos, String detail)
      throws IOException {
    long seconds = FailedAuthentications.retryAfterSeconds(nanos);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, detail, Map.of("retryAfterSeconds", seconds));
  }
}
