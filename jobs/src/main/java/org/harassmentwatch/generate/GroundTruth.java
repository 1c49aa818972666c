package org.harassmentwatch.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a generator run planted: the campaigns a detector should find and the decoys it must not flag.
 * Written as {@code truth.json} next to {@code messages.ndjson}; {@link #read(Path)} loads it back.
 *
 * @param generatorVersion version of the generator's output format and behaviour
 * @param seed             the run's seed
 * @param messages         all messages written
 * @param benignMessages   messages that are not planted abuse ({@code messages - plantedMessages}; includes decoys)
 * @param plantedMessages  abusive messages of planted campaigns
 * @param start            start of the span (inclusive)
 * @param end              end of the span (exclusive)
 * @param config           the full configuration, so a third party can repeat the run
 * @param campaigns        planted campaigns, by shape then number
 * @param decoys           decoys, by kind then plan order
 */
public record GroundTruth(
        String generatorVersion,
        long seed,
        long messages,
        long benignMessages,
        long plantedMessages,
        Instant start,
        Instant end,
        GeneratorConfig config,
        List<Campaign> campaigns,
        List<Decoy> decoys) {

    /**
     * @param id                 stable id, e.g. {@code planted-pile_on-0001}
     * @param targets            abused accounts, sorted
     * @param senders            abusive accounts, sorted (fresh accounts, disjoint between campaigns)
     * @param abusiveMessageIds  the campaign's abusive messages in event-time order
     * @param traits             notable features in {@link Trait} order
     */
    public record Campaign(
            String id,
            Shape shape,
            List<String> targets,
            List<String> senders,
            Instant firstAbusiveAt,
            Instant lastAbusiveAt,
            List<String> abusiveMessageIds,
            List<Trait> traits) {
    }

    /**
     * @param accounts     the accounts involved (for banter and heated exchanges both sides; for viral
     *                     attention the account receiving it; for profanity the swearing account)
     * @param messageCount messages the decoy added
     */
    public record Decoy(DecoyKind kind, List<String> accounts, int messageCount, Instant firstAt, Instant lastAt) {
    }

    public static GroundTruth read(Path file) throws IOException {
        return GroundTruthJson.read(file);
    }

    public void write(Path file) throws IOException {
        GroundTruthJson.write(this, file);
    }
}
