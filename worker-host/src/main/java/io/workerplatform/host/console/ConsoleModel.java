package io.workerplatform.host.console;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.security.Caller;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows: who is signed in, and links into the Temporal Web UI. */
@ControllerAdvice(assignableTypes = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleModel {
  private final TemporalUiLinks links;

  ConsoleModel(ConsoleProperties properties, @Value("${spring.temporal.namespace:default}") String namespace) {
    this.links = new TemporalUiLinks(properties.uiUrl(), namespace);
  }

  @ModelAttribute("caller")
  Caller caller(@AuthenticationPrincipal Caller caller) {
    return caller;
  }

  @ModelAttribute("temporal")
  TemporalUiLinks temporal() {
    return links;
  }

  /** A page that names what does not exist, or a bad filter: a page saying so, not JSON. */
  @ExceptionHandler({NotFoundException.class, BadRequestException.class})
  String refused(RuntimeException e, HttpServletResponse response, Model model) {
    response.setStatus(e instanceof NotFoundException ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("error", e.getMessage());
    return "console/error";
  }
}
