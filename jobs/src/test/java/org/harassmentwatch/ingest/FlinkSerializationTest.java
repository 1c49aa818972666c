package org.harassmentwatch.ingest;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.ingest.TestMessages.NOW;

/** The ingest records travel between Flink operators with Flink's POJO serializer, never Kryo. */
class FlinkSerializationTest {

    @Test
    void recordsAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Message.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RawRecord.class);
    }

    @Test
    void fullMessageSurvivesTheSerializer() throws IOException {
        Message full = new Message("m", "x", "alice", 1L, "text 🙂", List.of("bob", "carol"), "c", "r", "reply", "en",
                2L, true, List.of("tag"), List.of("https://e.org"), Map.of("threat", 0.5, "insult", 0.25), NOW, "file:/a:1");
        Message bare = new Message("m", "x", "alice", 1L, "t", List.of(), null, null, null, null, null, false,
                List.of(), List.of(), Map.of(), NOW, "kafka:t/0/1");

        assertThat(roundTrip(full, Message.class)).isEqualTo(full);
        assertThat(roundTrip(bare, Message.class)).isEqualTo(bare);
        DeadLetter deadLetter = DeadLetter.of(DeadLetterReason.NO_TARGET, null, "why", "raw", "file:/a:2", NOW);
        assertThat(roundTrip(deadLetter, DeadLetter.class)).isEqualTo(deadLetter);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws IOException {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
