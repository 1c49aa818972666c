package org.harassmentwatch.bench;

import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.harassmentwatch.detect.DetectionConfig;
import org.harassmentwatch.detect.ScoredMessage;
import org.harassmentwatch.ingest.DecodeResult;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.MessageDecoder;
import org.harassmentwatch.ingest.RawRecord;
import org.harassmentwatch.job.ScoreMessages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Generated lines decoded and scored by the job's own code ({@link MessageDecoder}, and {@link ScoreMessages} in a
 * test harness), keeping what the job keeps: abusive and rough messages aimed at someone, first occurrence of each
 * message id. Single-threaded; the realistic contents of evidence documents and detector state come from here.
 */
final class ScoredTraffic {

    private ScoredTraffic() {
    }

    static List<ScoredMessage> score(int lines, IntFunction<String> line, DetectionConfig config) throws Exception {
        MessageDecoder decoder = new MessageDecoder();
        List<ScoredMessage> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long now = System.currentTimeMillis();
        try (OneInputStreamOperatorTestHarness<Message, ScoredMessage> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ScoreMessages(config))) {
            for (int i = 0; i < lines; i++) {
                DecodeResult r = decoder.decode(line.apply(i), RawRecord.fileSource("memory", i + 1L), now);
                if (r instanceof DecodeResult.Decoded d) {
                    harness.processElement(d.message(), d.message().createdAt());
                }
                if ((i & 0xFFF) == 0xFFF || i == lines - 1) {
                    for (ScoredMessage s : harness.extractOutputValues()) {
                        if (seen.add(s.message().platform() + '\u0001' + s.message().messageId())) {
                            out.add(s);
                        }
                    }
                    harness.getOutput().clear();
                }
            }
        }
        return out;
    }
}
