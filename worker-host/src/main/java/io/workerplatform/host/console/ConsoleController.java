package io.workerplatform.host.console;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.host.bulksends.BulkSendRequests;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.cron.CronJobs;
import io.workerplatform.host.security.Caller;
import io.workerplatform.host.webhooks.WebhookRequests;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.webhooks.DeliveryBulkActionWorkflow;
import io.workerplatform.bulksends.BulkSendWork;
import io.workerplatform.host.work.WorkQueries;
import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import io.workerplatform.work.WorkViews;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import java.util.HashMap;
import io.workerplatform.webhooks.WebhookDeliveryWorkflow;
import java.util.ArrayList;

/**
 * The operations console: server-rendered pages over the same controllers the REST API serves,
 * so every list, count and action passes the same checks (organization scope by the security
 * rules, 404 and 409 by the API's own code). Actions are forms (POST with a CSRF token) that
 * redirect back with what happened.
 */
@Controller
public class ConsoleController {
  /**
   * One kind of work's counts by status, with the list it links to (none for a kind of no
   * organization), and its waiting, running, completed and failed work ({@code Phases.KEYS}).
   */
  public record Card(String title, String path, boolean listed, Map<String, Long> counts, Map<String, Long> phases) {}

  /**
   * A card per registered kind of work ({@code WorkKind}, in its order): a capability's work shows
   * in the console without a line here.
   */
  private List<Card> cards(Map<String, Map<String, Long>> stats) {
    return work.kinds().stream()
        .filter(kind -> stats.containsKey(kind.key()))
        .map(kind -> {
          Map<String, Long> all = stats.get(kind.key());
          Map<String, Long> counts = new LinkedHashMap<>();
          kind.statuses().forEach(s -> counts.put(s, all.get(s)));
          Map<String, Long> phases = new LinkedHashMap<>();
          Phases.KEYS.forEach(k -> phases.put(k, all.get(k)));
          return new Card(kind.title(), kind.path(), kind.perOrganization(), counts, phases);
        })
        .toList();
  }

  private final WorkQueries work;
  private final WorkViews views;
  private final OrganizationStore organizations;
  private final WebhookRequests webhooks;
  private final BulkSendRequests bulkSends;
  private final CronJobs cron;
  private final Clock clock;

  ConsoleController(
      WorkQueries work, WorkViews views, OrganizationStore organizations, WebhookRequests webhooks,
      BulkSendRequests bulkSends, CronJobs cron, Clock clock) {
    this.work = work;
    this.views = views;
    this.organizations = organizations;
    this.webhooks = webhooks;
    this.bulkSends = bulkSends;
    this.cron = cron;
    this.clock = clock;
  }

  @GetMapping("/console")
  String home(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor, Model model) {
    if (!caller.isAdmin()) {
      return "redirect:/console/orgs/" + caller.orgId();
    }
    model.addAttribute("organizations", organizations.list(50, Paging.after(cursor)));
    model.addAttribute("cards", cards(work.allStats()));
    model.addAttribute("chart", Chart.of(views.lastHour(null, clock.instant()), views.seriesNames()));
    return "console/home";
  }

  @GetMapping("/console/orgs/{orgId}")
  String organization(@PathVariable String orgId, Model model) {
    model.addAttribute("organization", organization(orgId));
    model.addAttribute("cards", cards(work.stats(orgId)));
    model.addAttribute("chart", Chart.of(views.lastHour(orgId, clock.instant()), views.seriesNames()));
    return "console/organization";
  }

  @GetMapping("/console/orgs/{orgId}/{list}")
  String list(
      @PathVariable String orgId, @PathVariable String list, @RequestParam(required = false) String status,
      @RequestParam(required = false) String since, @RequestParam(required = false) String cursor, Model model) {
    WorkKind<?> kind = views.kind(list).orElseThrow(() -> new NotFoundException("page", list));
    Page<?> page = work.list(list, orgId, status, since, 50, cursor);
    model.addAttribute("organization", organization(orgId));
    model.addAttribute("list", list);
    model.addAttribute("title", kind.title());
    model.addAttribute("page", page);
    model.addAttribute("status", status);
    model.addAttribute("since", since);
    model.addAttribute("statuses", work.statuses(list));
    if (list.equals("bulk-sends")) {
      model.addAttribute("live", liveBulkSends(orgId, page));
    }
    return "console/list";
  }

  /** Running bulk sends' counters come from their workflows (the rows are written at the end). */
  private Map<String, BulkSendRequests.BulkSendView> liveBulkSends(String orgId, Page<?> page) {
    Map<String, BulkSendRequests.BulkSendView> live = new HashMap<>();
    for (Object item : page.items()) {
      BulkSendWork.BulkSend bulkSend = (BulkSendWork.BulkSend) item;
      live.put(bulkSend.id(), bulkSends.view(orgId, bulkSend.id()));
    }
    return live;
  }

  @GetMapping("/console/orgs/{orgId}/webhook-deliveries/{id}")
  String delivery(@PathVariable String orgId, @PathVariable String id, Model model) {
    model.addAttribute("organization", organization(orgId));
    model.addAttribute("delivery", webhooks.delivery(orgId, id));
    model.addAttribute("workflowId", WebhookDeliveryWorkflow.workflowId(id));
    return "console/delivery";
  }

  @PostMapping("/console/orgs/{orgId}/webhook-deliveries/{id}/redeliver")
  String redeliver(@PathVariable String orgId, @PathVariable String id, RedirectAttributes flash) {
    act(flash, "Redelivery of " + id + " started.", steering(() -> webhooks.redeliver(orgId, id)));
    return "redirect:/console/orgs/" + orgId + "/webhook-deliveries/" + id;
  }

  @PostMapping("/console/orgs/{orgId}/webhook-subscriptions/{id}/redeliver-failed")
  String redeliverFailed(@PathVariable String orgId, @PathVariable String id, RedirectAttributes flash) {
    act(
        flash, "Redelivery of the failed deliveries of subscription " + id + " started.",
        () -> webhooks.startBulkAction(orgId, id, DeliveryBulkActionWorkflow.REDELIVER_FAILED, null, null));
    return "redirect:/console/orgs/" + orgId + "/webhook-deliveries?status=FAILED";
  }

  @PostMapping("/console/orgs/{orgId}/bulk-sends/{id}/{action}")
  String steerBulkSend(
      @PathVariable String orgId, @PathVariable String id, @PathVariable String action, RedirectAttributes flash) {
    Supplier<?> call =
        switch (action) {
          case "pause" -> steering(() -> bulkSends.pause(orgId, id));
          case "resume" -> steering(() -> bulkSends.resume(orgId, id));
          case "cancel" -> steering(() -> bulkSends.cancel(orgId, id));
          default -> throw new NotFoundException("action", action);
        };
    act(flash, "Bulk send " + id + ": " + action + " sent.", call);
    return "redirect:/console/orgs/" + orgId + "/bulk-sends";
  }

  @GetMapping("/console/cron")
  String cronJobs(Model model) {
    model.addAttribute("jobs", cron.list());
    return "console/cron";
  }

  @PostMapping("/console/cron/{name}/{action}")
  String steerCron(@PathVariable String name, @PathVariable String action, RedirectAttributes flash) {
    Supplier<?> call =
        switch (action) {
          case "run" -> () -> cron.run(name);
          case "pause" -> () -> cron.pause(name);
          case "resume" -> () -> cron.resume(name);
          default -> throw new NotFoundException("action", action);
        };
    act(flash, "Cron job " + name + ": " + action + " done.", call);
    return "redirect:/console/cron";
  }

  /** Runs an API action; its refusal (404, 409, 400, 503) becomes the message shown. */
  private OrganizationStore.Organization organization(String orgId) {
    return organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
  }

  private static Supplier<?> steering(Runnable action) {
    return () -> {
      action.run();
      return null;
    };
  }

  static void act(RedirectAttributes flash, String done, Supplier<?> action) {
    try {
      action.get();
      flash.addFlashAttribute("message", done);
    } catch (NotFoundException | ConflictException | BadRequestException | TemporalUnavailableException e) {
      flash.addFlashAttribute("error", e.getMessage());
    }
  }

  /**
   * The last hour's chart: a row of bars per registered series ({@code MinuteCounts}), each scaled
   * to its own busiest minute, so a capability's series shows without a line here.
   */
  public record Chart(List<Instant> minutes, List<Series> series) {
    private static final List<String> COLOURS = List.of("#3b7ddd", "#9dbcf0", "#3aa35c", "#d08a2e", "#8e5bd0");

    /** One series: its label ("webhook attempts"), its bars' colour, its count per minute. */
    public record Series(String label, String colour, List<Long> counts, long max, long total) {}

    static Chart of(List<WorkViews.Minute> lastHour, List<String> names) {
      List<Series> series = new ArrayList<>();
      for (String name : names) {
        List<Long> counts = lastHour.stream().map(m -> m.count(name)).toList();
        series.add(new Series(
            name.replace('-', ' '), COLOURS.get(series.size() % COLOURS.size()), counts,
            Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(0)),
            counts.stream().mapToLong(Long::longValue).sum()));
      }
      return new Chart(lastHour.stream().map(WorkViews.Minute::minute).toList(), series);
    }

    /** The drawing's height: 65 units a series. */
    public int height() {
      return Math.max(65, 65 * series.size());
    }
  }
}
