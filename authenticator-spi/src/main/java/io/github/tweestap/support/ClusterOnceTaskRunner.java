package io.github.tweestap.support;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;

/**
 * Runs a scheduled task on one cluster node per time window: every node's timer fires once per interval, and the
 * first node to claim the window's key in the cluster-wide {@link SingleUseObjectProvider} ({@code putIfAbsent},
 * atomic at once) runs it; the others skip. Unlike a lock that is released when the task ends (Keycloak's
 * {@code ClusterProvider.executeIfNotExecuted}), a claimed window cannot be run a second time by a node whose timer
 * fires a moment later, before the first run's changes are committed.
 */
public final class ClusterOnceTaskRunner extends ScheduledTaskRunner {

    private final int intervalSeconds;

    public ClusterOnceTaskRunner(KeycloakSessionFactory factory, ScheduledTask task, long intervalMillis) {
        super(factory, task);
        this.intervalSeconds = (int) Math.max(1, intervalMillis / 1000);
    }

    @Override
    protected void runTask(KeycloakSession session) {
        long window = Time.currentTime() / intervalSeconds;
        String key = "tweestap.task." + task.getTaskName() + "." + window;
        if (session.getProvider(SingleUseObjectProvider.class).putIfAbsent(key, intervalSeconds * 2L)) {
            task.run(session);
        }
    }
}
