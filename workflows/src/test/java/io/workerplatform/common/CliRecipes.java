package io.workerplatform.common;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code temporal workflow start} and {@code signal} recipes of the documentation (the README
 * and every page under {@code docs/}), sent as the CLI sends them: the {@code --input} JSON as a
 * raw {@code json/plain} payload.
 */
public final class CliRecipes {
  public record StartRecipe(String type, String taskQueue, String workflowId, String inputJson) {}

  /** A {@code temporal workflow signal} recipe; {@code inputJson} is null without {@code --input}. */
  public record SignalRecipe(String workflowId, String name, String inputJson) {}

  private static final Pattern FLAG = Pattern.compile("--([a-z-]+)\\s+('([^']*)'|(\\S+))");

  private CliRecipes() {}

  public static List<StartRecipe> startRecipes() throws IOException {
    return commands("temporal workflow start ").stream()
        .map(f -> new StartRecipe(f.get("type"), f.get("task-queue"), f.get("workflow-id"), f.get("input")))
        .toList();
  }

  public static List<SignalRecipe> signalRecipes() throws IOException {
    return commands("temporal workflow signal ").stream()
        .map(f -> new SignalRecipe(f.get("workflow-id"), f.get("name"), f.get("input")))
        .toList();
  }

  /** The flags of every documented command line starting with {@code prefix}. */
  private static List<Map<String, String>> commands(String prefix) throws IOException {
    StringBuilder pages = new StringBuilder();
    for (Path page : pages()) {
      pages.append(Files.readString(page)).append('\n');
    }
    String text = pages.toString().replace("\\\n", " ");
    List<Map<String, String>> commands = new ArrayList<>();
    for (String line : text.split("\n")) {
      String command = line.strip();
      if (!command.startsWith(prefix)) {
        continue;
      }
      Map<String, String> flags = new HashMap<>();
      Matcher m = FLAG.matcher(command);
      while (m.find()) {
        flags.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4));
      }
      commands.add(flags);
    }
    return commands;
  }

  /** The README and the pages under docs/, found above the working directory. */
  public static List<Path> pages() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("README.md"))) {
      here = here.getParent();
    }
    if (here == null) {
      throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }
    List<Path> pages = new ArrayList<>(List.of(here.resolve("README.md")));
    try (var docs = Files.list(here.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Sends the recipe's signal exactly as {@code temporal workflow signal} would. */
  public static void signal(WorkflowServiceStubs service, String namespace, SignalRecipe recipe) {
    SignalWorkflowExecutionRequest.Builder request =
        SignalWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setRequestId(UUID.randomUUID().toString())
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(recipe.workflowId()))
            .setSignalName(recipe.name());
    if (recipe.inputJson() != null) {
      request.setInput(Payloads.newBuilder().addPayloads(json(recipe.inputJson())));
    }
    service.blockingStub().signalWorkflowExecution(request.build());
  }

  private static Payload json(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
        .build();
  }

  /** Starts the recipe's workflow exactly as {@code temporal workflow start} would. */
  public static void start(WorkflowServiceStubs service, String namespace, StartRecipe recipe) {
    Payload input = json(recipe.inputJson());
    service
        .blockingStub()
        .startWorkflowExecution(
            StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace)
                .setRequestId(UUID.randomUUID().toString())
                .setWorkflowId(recipe.workflowId())
                .setWorkflowType(WorkflowType.newBuilder().setName(recipe.type()))
                .setTaskQueue(TaskQueue.newBuilder().setName(recipe.taskQueue()))
                .setInput(Payloads.newBuilder().addPayloads(input))
                .build());
  }
}
