package org.harassmentwatch.ingest;

/**
 * One undecoded input record and where it was read, as sources hand it to {@link DecodeMessages}.
 *
 * @param value  the record as text (one NDJSON line, or a Kafka record value); may be null (Kafka tombstone)
 * @param source where it was read: "file:PATH:LINE" (1-based line) or "kafka:TOPIC/PARTITION/OFFSET"
 */
public record RawRecord(String value, String source) {

    /** "file:PATH:LINE", LINE counted from 1. */
    public static String fileSource(String path, long line) {
        return "file:" + path + ":" + line;
    }

    /** "kafka:TOPIC/PARTITION/OFFSET". */
    public static String kafkaSource(String topic, int partition, long offset) {
        return "kafka:" + topic + "/" + partition + "/" + offset;
    }
}
