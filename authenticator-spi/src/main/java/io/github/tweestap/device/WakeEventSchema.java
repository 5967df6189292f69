package io.github.tweestap.device;

import java.io.IOException;
import org.infinispan.protostream.FileDescriptorSource;
import org.infinispan.protostream.MessageMarshaller;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.SerializationContextInitializer;

/**
 * Teaches Infinispan (ProtoStream) to send a {@link WakeEvent} between nodes. Keycloak loads every
 * {@link SerializationContextInitializer} it finds through {@code ServiceLoader}, including this one.
 */
public final class WakeEventSchema implements SerializationContextInitializer {

    static final String FILE = "tweestap-wake-event.proto";
    static final String TYPE = "tweestap.WakeEvent";
    static final String PROTO = "syntax = \"proto3\";\npackage tweestap;\nmessage WakeEvent {\n  string key = 1;\n}\n";

    /** Abstract in ProtoStream 5 (Keycloak 26.4 and 26.5), gone in 6 (26.6 and later): kept for the older ones. */
    public String getProtoFileName() {
        return FILE;
    }

    /** Abstract in ProtoStream 5 (Keycloak 26.4 and 26.5), gone in 6 (26.6 and later): kept for the older ones. */
    public String getProtoFile() {
        return PROTO;
    }

    @Override
    public void registerSchema(SerializationContext context) {
        context.registerProtoFiles(FileDescriptorSource.fromString(FILE, PROTO));
    }

    @Override
    public void registerMarshallers(SerializationContext context) {
        context.registerMarshaller(new Marshaller());
    }

    static final class Marshaller implements MessageMarshaller<WakeEvent> {

        @Override
        public WakeEvent readFrom(ProtoStreamReader reader) throws IOException {
            return new WakeEvent(reader.readString("key"));
        }

        @Override
        public void writeTo(ProtoStreamWriter writer, WakeEvent event) throws IOException {
            writer.writeString("key", event.key());
        }

        @Override
        public Class<? extends WakeEvent> getJavaClass() {
            return WakeEvent.class;
        }

        @Override
        public String getTypeName() {
            return TYPE;
        }
    }
}
