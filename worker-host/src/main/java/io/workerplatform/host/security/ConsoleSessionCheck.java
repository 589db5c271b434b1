package io.workerplatform.host.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.jooq.exception.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks on every console request that the credential a session signed in with still holds (the
 * key not revoked, the admin token unchanged); otherwise the session ends and the browser goes to
 * the sign-in page. Without it a session outlived its key's revocation for as long as it was used.
 */
final class ConsoleSessionCheck extends OncePerRequestFilter {
  /** The session attribute holding {@link ApiTokens#sessionCredential}. */
  static final String CREDENTIAL = ConsoleSessionCheck.class.getName() + ".credential";

  private final ApiTokens tokens;

  ConsoleSessionCheck(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (session != null && authentication != null && authentication.getPrincipal() instanceof Caller) {
      boolean valid;
      try {
        valid = tokens.stillValid((String) session.getAttribute(CREDENTIAL));
      } catch (DataAccessException e) {
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return;
      }
      if (!valid) {
        session.invalidate();
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + "/console/login?ended");
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
