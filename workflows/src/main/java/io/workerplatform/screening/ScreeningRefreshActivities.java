package io.workerplatform.screening;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ScreeningRefreshActivities {
  /**
   * Reads the monitored search and updates the profile; true when it alerted. A refused key or an
   * inactive integration fails for good ({@link ProfileSearchActivities#UNAUTHORIZED}).
   */
  @ActivityMethod
  boolean refresh(String orgId, String searchId);
}
