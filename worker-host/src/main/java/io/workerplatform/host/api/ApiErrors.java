package io.workerplatform.host.api;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.GoneException;
import io.workerplatform.common.DatabaseErrors;
import io.workerplatform.common.InvalidFieldException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.TooManyRequestsException;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/** Every error is an RFC 9457 {@code application/problem+json} body; input errors name the field. */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail badRequest(InvalidFieldException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, e.getMessage(), null);
    problem.setProperty("entity", e.entity());
    problem.setProperty("id", e.id());
    return problem;
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, e.getMessage(), e.field());
  }

  @ExceptionHandler(GoneException.class)
  ProblemDetail gone(GoneException e) {
    return problem(HttpStatus.GONE, e.getMessage(), null);
  }

  @ExceptionHandler(TooManyRequestsException.class)
  ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequestsException e) {
    long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), null);
    problem.setProperty("retryAfterSeconds", seconds);
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(TemporalUnavailableException.class)
  ProblemDetail temporalUnavailable(TemporalUnavailableException e) {
    log.warn("Temporal unreachable: {}", e.getMessage());
    ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), null);
    e.details().forEach(problem::setProperty);
    return problem;
  }

  @ExceptionHandler(WorkflowServiceException.class)
  ProblemDetail workflowService(WorkflowServiceException e) {
    return temporalUnavailable(new TemporalUnavailableException("Temporal is unreachable", Map.of()));
  }

  /**
   * The database could not be reached (a restart, a failover, an exhausted pool): nothing was
   * accepted, and the same request may be made again. Other database errors are internal ones.
   */
  @ExceptionHandler({org.jooq.exception.DataAccessException.class, org.springframework.dao.DataAccessException.class})
  ResponseEntity<ProblemDetail> database(RuntimeException e) {
    if (!DatabaseErrors.isUnavailable(e)) {
      return internal(e);
    }
    log.warn("Database unavailable: {}", e.getClass().getSimpleName());
    ProblemDetail problem =
        problem(HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable: nothing was changed; try again", null);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /**
   * Anything else is a fault of ours: logged with its stack, answered 500 with nothing internal
   * (never an empty success from the container's error page).
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> internal(Exception e) {
    log.error("Unexpected error answering a request", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", null));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (request.getAttribute(BodyLimitFilter.EXCEEDED, WebRequest.SCOPE_REQUEST) instanceof Long limit) {
      ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + limit + " bytes", null);
      problem.setProperty("maxBytes", limit);
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
    String field = null;
    String detail = "malformed JSON body";
    if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      field =
          databind.getPath().stream()
              .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      detail = field + " has the wrong type or format";
    }
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.BAD_REQUEST, detail, field));
  }

  static ProblemDetail problem(HttpStatus status, String detail, String field) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }
}
