package io.github.tweestap.device;

import org.keycloak.cluster.ClusterEvent;

/**
 * "Something changed for {@code key}": sent to every node after the change is committed, so that whichever node
 * holds a waiter for the key (a browser waiting for a push answer, a phone long-polling) wakes it. Carries no
 * state; marshalled by ProtoStream ({@link WakeEventSchema}).
 */
public record WakeEvent(String key) implements ClusterEvent {

    /** Cluster event name the pack's listener is registered under. */
    public static final String NAME = "tweestap-wake";
}
