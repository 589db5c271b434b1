package io.workerplatform.signatures;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured providers, by name. */
public class SignatureProviders {
  private final Map<String, SignatureProvider> byName;

  public SignatureProviders(List<SignatureProvider> providers) {
    this.byName = providers.stream().collect(Collectors.toUnmodifiableMap(SignatureProvider::name, Function.identity()));
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** The provider, or a non-retryable failure: a request for an unconfigured one never succeeds. */
  public SignatureProvider get(String name) {
    SignatureProvider provider = byName.get(name);
    if (provider == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "signature provider '" + name + "' is not configured", SignatureActivities.PROVIDER_REFUSED);
    }
    return provider;
  }
}
