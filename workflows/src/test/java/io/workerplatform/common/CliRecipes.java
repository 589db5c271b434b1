package io.workerplatform.common;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code temporal workflow start} recipes of the README, sent as the CLI sends them: the
 * {@code --input} JSON as a raw {@code json/plain} payload.
 */
public final class CliRecipes {
  public record StartRecipe(String type, String taskQueue, String workflowId, String inputJson) {}

  private static final Pattern FLAG = Pattern.compile("--([a-z-]+)\\s+('([^']*)'|(\\S+))");

  private CliRecipes() {}

  public static List<StartRecipe> startRecipes(Path readme) throws IOException {
    String text = Files.readString(readme).replace("\\\n", " ");
    List<StartRecipe> recipes = new ArrayList<>();
    for (String line : text.split("\n")) {
      String command = line.strip();
      if (!command.startsWith("temporal workflow start ")) {
        continue;
      }
      String type = null, queue = null, id = null, input = null;
      Matcher m = FLAG.matcher(command);
      while (m.find()) {
        String value = m.group(3) != null ? m.group(3) : m.group(4);
        switch (m.group(1)) {
          case "type" -> type = value;
          case "task-queue" -> queue = value;
          case "workflow-id" -> id = value;
          case "input" -> input = value;
          default -> {}
        }
      }
      recipes.add(new StartRecipe(type, queue, id, input));
    }
    return recipes;
  }

  public static Path readme() {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("README.md"))) {
      here = here.getParent();
    }
    if (here == null) {
      throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }
    return here.resolve("README.md");
  }

  /** Starts the recipe's workflow exactly as {@code temporal workflow start} would. */
  public static void start(WorkflowServiceStubs service, String namespace, StartRecipe recipe) {
    Payload input =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(recipe.inputJson(), StandardCharsets.UTF_8))
            .build();
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
