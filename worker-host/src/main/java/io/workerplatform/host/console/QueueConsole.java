package io.workerplatform.host.console;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.queues.TaskQueueControl;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's task queues (admin only, by the security rules): which are paused, and the toggle. */
@Controller
class QueueConsole {
  private final TaskQueueControl queues;

  QueueConsole(TaskQueueControl queues) {
    this.queues = queues;
  }

  @GetMapping("/console/queues")
  String queues(Model model) {
    model.addAttribute("queues", queues.list());
    return "console/queues";
  }

  @PostMapping("/console/queues/{name}/{action}")
  String steer(@PathVariable String name, @PathVariable String action, RedirectAttributes flash) {
    Supplier<?> call =
        switch (action) {
          case "pause" -> () -> queues.pause(name);
          case "resume" -> () -> queues.resume(name);
          default -> throw new NotFoundException("action", action);
        };
    ConsoleController.act(flash, "Task queue " + name + ": " + action + " done.", call);
    return "redirect:/console/queues";
  }
}
