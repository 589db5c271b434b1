package io.workerplatform.host.idempotency;

import io.workerplatform.common.Hashes;
import io.workerplatform.host.api.ProblemResponses;
import io.workerplatform.host.api.BodyLimitFilter;
import io.workerplatform.common.DatabaseErrors;
import io.workerplatform.idempotency.IdempotencyStore;
import io.workerplatform.idempotency.IdempotencyStore.Claim;
import io.workerplatform.idempotency.IdempotencyStore.Claimed;
import io.workerplatform.idempotency.IdempotencyStore.Mismatch;
import io.workerplatform.idempotency.IdempotencyStore.Replay;
import io.workerplatform.idempotency.IdempotencyStore.Running;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} header of every {@code POST /api/orgs/{orgId}/...} route, with the
 * semantics of payment APIs: within the key's time to live the same key and request (route and
 * body) answer the first answer again, status, body and {@code Location}, for 2xx and 4xx answers;
 * a 5xx is not kept, so a retry runs again. The same key with another request answers 422; while
 * the first request with a key runs, another answers 409. Keys belong to the organization of the
 * path. It runs after the security filters: a request that is not allowed never takes a key.
 * Multipart uploads (files) do not take keys: their parts are read by the container, not from the
 * stream this filter would replay.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class IdempotencyFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
  static final String HEADER = IdempotencyKeys.HEADER;
  /** On a replayed answer, so a client can tell it from a fresh one. */
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern ORGANIZATION_ROUTE = Pattern.compile("^/api/orgs/([^/]+)/.+");

  private final IdempotencyStore store;
  private final KeyOutcomes outcomes;
  private final IdempotencyProperties properties;
  private final ProblemResponses problems;

  IdempotencyFilter(
      IdempotencyStore store, KeyOutcomes outcomes, IdempotencyProperties properties, ProblemResponses problems) {
    this.store = store;
    this.outcomes = outcomes;
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String contentType = request.getContentType();
    return !"POST".equals(request.getMethod())
        || request.getHeader(HEADER) == null
        || !ORGANIZATION_ROUTE.matcher(request.getRequestURI()).matches()
        || contentType != null && contentType.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (!IdempotencyKeys.isValid(key)) {
      problem(request, response, HttpStatus.BAD_REQUEST, IdempotencyKeys.RULE);
      return;
    }
    Matcher route = ORGANIZATION_ROUTE.matcher(request.getRequestURI());
    route.matches();
    String orgId = route.group(1);
    byte[] body;
    try {
      body = request.getInputStream().readAllBytes();
    } catch (IOException e) {
      if (request.getAttribute(BodyLimitFilter.EXCEEDED) instanceof Long limit) {
        problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + limit + " bytes",
            Map.of("maxBytes", limit));
        return;
      }
      throw e;
    }
    Claim claim;
    try {
      claim = store.claim(orgId, key, fingerprint(request, body), properties.ttl(), properties.lease());
    } catch (RuntimeException e) {
      if (!DatabaseErrors.isUnavailable(e)) {
        throw e;
      }
      log.warn("Database unavailable: {}", e.getClass().getSimpleName());
      response.setHeader(HttpHeaders.RETRY_AFTER, "5");
      problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
          "the database is unavailable: nothing was changed; try again", Map.of());
      return;
    }
    switch (claim) {
      case Claimed claimed -> run(new Replayable(request, body), response, chain, orgId, key);
      case Replay replay -> replay(response, replay);
      case Running running -> {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        problem(request, response, HttpStatus.CONFLICT, "a request with this key is still running; try again");
      }
      case Mismatch mismatch ->
          problem(request, response, HttpStatus.UNPROCESSABLE_CONTENT,
              "was used for another request (another route or body); use a new key for a new request");
    }
  }

  private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String orgId, String key)
      throws ServletException, IOException {
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, captured);
    } catch (IOException | ServletException | RuntimeException e) {
      outcomes.release(orgId, key);
      throw e;
    }
    int status = captured.getStatus();
    if (status >= 500) {
      outcomes.release(orgId, key);
    } else {
      outcomes.complete(
          orgId, key, status, captured.getContentType(), captured.getHeader(HttpHeaders.LOCATION),
          captured.getContentAsByteArray());
    }
    captured.copyBodyToResponse();
  }

  private static void replay(HttpServletResponse response, Replay replay) throws IOException {
    response.setStatus(replay.status());
    if (replay.contentType() != null) {
      response.setContentType(replay.contentType());
    }
    if (replay.location() != null) {
      response.setHeader(HttpHeaders.LOCATION, replay.location());
    }
    response.setHeader(REPLAYED, "true");
    response.setContentLength(replay.body().length);
    response.getOutputStream().write(replay.body());
  }

  /** The route and the body: what "the same request" means. */
  private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 128);
    String query = request.getQueryString();
    out.writeBytes((request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return Hashes.sha256(out.toByteArray());
  }

  private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    problems.write(request, response, status, HEADER + " " + detail, Map.of("field", HEADER));
  }

  /** The request with its body read once, given again to whatever reads it next. */
  private static final class Replayable extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayable(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(getInputStream(), encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }
  }
}
