package io.workerplatform.screening;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.ConflictException;

/** A monitored search's refresh as an activity: a refused key or an inactive integration is not retried. */
public class ScreeningRefreshActivitiesImpl implements ScreeningRefreshActivities {
  private final ScreeningMonitor monitor;

  public ScreeningRefreshActivitiesImpl(ScreeningMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public boolean refresh(String orgId, String searchId) {
    try {
      return monitor.refresh(orgId, searchId);
    } catch (ScreeningException e) {
      if (e.kind() == ScreeningException.Kind.UNAUTHORIZED) {
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ProfileSearchActivities.UNAUTHORIZED);
      }
      throw e; // 429, 5xx: retried by the workflow's policy
    } catch (ConflictException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ProfileSearchActivities.UNAUTHORIZED);
    }
  }
}
