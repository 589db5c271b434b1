package io.workerplatform.email;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Where SNS serves its signing certificates in a region, and the name they are issued to. The
 * names are those AWS documents and its SDK for Java v2 checks (SnsHostProvider): most regions
 * sign as {@code sns.amazonaws.com}, the regions launched since 2019 as
 * {@code sns-signing.<region>.amazonaws.com}, and the other partitions have names of their own.
 */
final class SnsSigningNames {
  private SnsSigningNames() {}

  private static final Map<String, String> BY_REGION = Map.ofEntries(
      Map.entry("cn-north-1", "sns-cn-north-1.amazonaws.com.cn"),
      Map.entry("cn-northwest-1", "sns-cn-northwest-1.amazonaws.com.cn"),
      Map.entry("us-gov-west-1", "sns-us-gov-west-1.amazonaws.com"),
      Map.entry("us-gov-east-1", "sns-us-gov-west-1.amazonaws.com"),
      Map.entry("us-iso-east-1", "sns-us-iso-east-1.c2s.ic.gov"),
      Map.entry("us-isob-east-1", "sns-us-isob-east-1.sc2s.sgov.gov"),
      Map.entry("us-isof-east-1", "sns-signing.us-isof-east-1.csp.hci.ic.gov"),
      Map.entry("us-isof-south-1", "sns-signing.us-isof-south-1.csp.hci.ic.gov"),
      Map.entry("eu-isoe-west-1", "sns-signing.eu-isoe-west-1.cloud.adc-e.uk"),
      Map.entry("eusc-de-east-1", "sns-signing.eusc-de-east-1.amazonaws.eu"));

  /** Opt-in regions whose certificates carry the region in their name. */
  private static final Set<String> REGIONAL_NAMES = Set.of(
      "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
      "ap-southeast-6", "ap-southeast-7", "me-south-1", "me-central-1", "eu-south-1", "eu-south-2",
      "eu-central-2", "af-south-1", "il-central-1", "ca-west-1", "mx-central-1");

  /** {@code sns.<region>.<the partition's DNS suffix>}. */
  static String certificateHost(String region) {
    return "sns." + region + "." + PartitionMetadata.of(Region.of(region)).dnsSuffix();
  }

  static String signingName(String region) {
    String named = BY_REGION.get(region);
    if (named != null) {
      return named;
    }
    if (REGIONAL_NAMES.contains(region)) {
      return "sns-signing." + region + ".amazonaws.com";
    }
    if (!Region.regions().contains(Region.of(region))) {
      return "sns." + PartitionMetadata.of(Region.of(region)).dnsSuffix(); // a region newer than this SDK
    }
    return "sns.amazonaws.com";
  }
}
