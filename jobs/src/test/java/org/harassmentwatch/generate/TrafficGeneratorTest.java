package org.harassmentwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficGeneratorTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults(42, 60_000)
            .withCampaignsPerShape(12).withDecoysPerKind(8).withViralDecoys(2);

    @TempDir
    static Path dir;
    private static GeneratedRun run;
    private static final AbuseCues CUES = new AbuseCues(TextCatalog.load().cues());

    @BeforeAll
    static void generate() {
        run = GeneratedRun.generate(CONFIG, dir.resolve("run"));
    }

    private static List<GeneratedRun.Line> abusive(GroundTruth.Campaign campaign) {
        return campaign.abusiveMessageIds().stream().map(run.byId()::get).toList();
    }

    private static List<GroundTruth.Campaign> campaigns(Shape shape) {
        return run.truth().campaigns().stream().filter(c -> c.shape() == shape).toList();
    }

    private static List<GroundTruth.Decoy> decoys(DecoyKind kind) {
        return run.truth().decoys().stream().filter(d -> d.kind() == kind).toList();
    }

    @Test
    void writesExactlyTheRequestedNumberOfMessagesWithUniqueIds() {
        assertThat(run.lines()).hasSize(60_000);
        assertThat(run.byId()).hasSize(60_000);
        assertThat(run.truth().messages()).isEqualTo(60_000);
        assertThat(run.truth().benignMessages() + run.truth().plantedMessages()).isEqualTo(60_000);
        assertThat(run.truth().plantedMessages())
                .isEqualTo(run.truth().campaigns().stream().mapToLong(c -> c.abusiveMessageIds().size()).sum());
    }

    @Test
    void exactCountHoldsForOtherSizes(@TempDir Path other) throws IOException {
        GeneratorConfig config = GeneratorConfig.defaults(7, 4_321);
        GroundTruth truth = TrafficGenerator.generate(config, other, ProgressListener.NONE);
        assertThat(Files.readAllLines(other.resolve(TrafficGenerator.MESSAGES_FILE))).hasSize(4_321);
        assertThat(truth.campaigns()).hasSize(4);
    }

    @Test
    void runsWithoutCampaignsOrDecoysAreAllBackground(@TempDir Path plain) throws IOException {
        GeneratorConfig config = GeneratorConfig.defaults(8, 3_000).withCampaignsPerShape(0).withDecoysPerKind(0)
                .withViralDecoys(0);
        GroundTruth truth = TrafficGenerator.generate(config, plain, ProgressListener.NONE);
        assertThat(truth.campaigns()).isEmpty();
        assertThat(truth.decoys()).isEmpty();
        assertThat(truth.plantedMessages()).isZero();
        assertThat(truth.benignMessages()).isEqualTo(3_000);
        assertThat(Files.readAllLines(plain.resolve(TrafficGenerator.MESSAGES_FILE))).hasSize(3_000);
    }

    @Test
    void everyLineIsAWellFormedIngestRecord() {
        long start = CONFIG.start().toEpochMilli();
        long end = CONFIG.end().toEpochMilli();
        Set<String> channels = Set.of("reply", "mention", "direct_message", "comment", "post");
        for (GeneratedRun.Line line : run.lines()) {
            assertThat(line.platform()).isEqualTo("chirp");
            assertThat(line.createdAt()).isBetween(start, end - 1);
            assertThat(line.text()).isNotBlank();
            assertThat(line.targets()).hasSize(1);
            assertThat(channels).contains(line.channel());
            assertThat(line.lang()).isEqualTo("en");
            assertThat(line.senderCreatedAt()).as("account exists before it posts: %s", line)
                    .isLessThan(line.createdAt());
            assertThat(line.conversationId()).isNotNull();
            assertThat(line.scores()).isNull();
            line.hashtags().forEach(tag -> assertThat(line.text()).contains("#" + tag));
            line.urls().forEach(url -> assertThat(line.text()).contains(url));
            if (line.inReplyTo() != null) {
                GeneratedRun.Line parent = run.byId().get(line.inReplyTo());
                assertThat(parent).as("parent of %s", line.id()).isNotNull();
                assertThat(line.targets()).containsExactly(parent.sender());
                assertThat(line.createdAt()).isGreaterThan(parent.createdAt());
                assertThat(line.conversationId()).isEqualTo(parent.conversationId());
            }
            if (line.channel().equals("post")) {
                assertThat(line.targets()).containsExactly(line.sender());
            } else {
                assertThat(line.targets()).doesNotContain(line.sender());
            }
            if (line.channel().equals("mention")) {
                assertThat(line.text()).contains("@" + line.targets().get(0));
            }
        }
        assertThat(run.lines().get(0).toString()).isNotEmpty();
    }

    @Test
    void sameSeedGivesIdenticalBytes(@TempDir Path again) throws IOException {
        TrafficGenerator.generate(CONFIG, again, ProgressListener.NONE);
        for (String file : List.of(TrafficGenerator.MESSAGES_FILE, TrafficGenerator.TRUTH_FILE)) {
            assertThat(Files.mismatch(dir.resolve("run").resolve(file), again.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    @Test
    void differentSeedsGiveDifferentTraffic(@TempDir Path other) throws IOException {
        GroundTruth truth = TrafficGenerator.generate(CONFIG.withSeed(43), other, ProgressListener.NONE);
        assertThat(Files.mismatch(dir.resolve("run").resolve(TrafficGenerator.MESSAGES_FILE),
                other.resolve(TrafficGenerator.MESSAGES_FILE))).isNotEqualTo(-1L);
        Set<String> ids = new HashSet<>(run.byId().keySet());
        ids.retainAll(Files.readAllLines(other.resolve(TrafficGenerator.MESSAGES_FILE)).stream()
                .map(l -> l.substring(15, 31)).collect(Collectors.toSet()));
        assertThat(ids).isEmpty();
        assertThat(truth.campaigns().get(0).targets()).isNotEqualTo(run.truth().campaigns().get(0).targets());
    }

    @Test
    void streamingVariantsYieldTheFileContent() throws IOException {
        List<String> fileLines = Files.readAllLines(dir.resolve("run").resolve(TrafficGenerator.MESSAGES_FILE),
                StandardCharsets.UTF_8);
        List<String> streamed = new ArrayList<>();
        GroundTruth truth = TrafficGenerator.forEach(CONFIG, streamed::add);
        assertThat(streamed).isEqualTo(fileLines);
        assertThat(truth).isEqualTo(run.truth());

        TrafficStream stream = TrafficGenerator.stream(CONFIG);
        assertThatThrownBy(stream::truth).isInstanceOf(IllegalStateException.class).hasMessageContaining("60000");
        int i = 0;
        while (stream.hasNext()) {
            assertThat(stream.next()).isEqualTo(fileLines.get(i++));
        }
        assertThat(i).isEqualTo(60_000);
        assertThat(stream.truth()).isEqualTo(run.truth());
    }

    @Test
    void truthFileReadsBackEqual() throws IOException {
        Path file = dir.resolve("run").resolve(TrafficGenerator.TRUTH_FILE);
        assertThat(GroundTruth.read(file)).isEqualTo(run.truth());
        String json = Files.readString(file);
        assertThat(json).startsWith("{\n  \"generator_version\": \"1\",\n  \"seed\": 42,\n  \"messages\": 60000,");
        assertThat(run.truth().campaigns()).hasSize(48);
        assertThat(run.truth().campaigns().get(0).id()).isEqualTo("planted-persistent_pair-0001");
        assertThat(run.truth().campaigns().get(47).id()).isEqualTo("planted-coordinated-0012");
        assertThat(run.truth().decoys()).hasSize(8 * 3 + 2);
    }

    @Test
    void everyPlantedMessageExistsAndIsAbusiveTemplateText() {
        for (GroundTruth.Campaign campaign : run.truth().campaigns()) {
            assertThat(campaign.abusiveMessageIds()).as(campaign.id()).isNotEmpty();
            for (String id : campaign.abusiveMessageIds()) {
                GeneratedRun.Line line = run.byId().get(id);
                assertThat(line).as("%s message %s", campaign.id(), id).isNotNull();
                assertThat(CUES.find(line.text())).as("%s: %s", campaign.id(), line.text()).isNotNull();
                assertThat(campaign.senders()).contains(line.sender());
                assertThat(campaign.targets()).containsAll(line.targets());
                assertThat(line.createdAt()).isBetween(campaign.firstAbusiveAt().toEpochMilli(),
                        campaign.lastAbusiveAt().toEpochMilli());
            }
        }
    }

    @Test
    void backgroundTrafficCarriesNoAbuseCue() {
        Set<String> special = new HashSet<>();
        run.truth().campaigns().forEach(c -> special.addAll(c.abusiveMessageIds()));
        Set<String> decoyAccounts = run.truth().decoys().stream()
                .filter(d -> d.kind() == DecoyKind.BANTER || d.kind() == DecoyKind.HEATED_EXCHANGE)
                .flatMap(d -> d.accounts().stream()).collect(Collectors.toSet());
        long checked = 0;
        for (GeneratedRun.Line line : run.lines()) {
            boolean decoyTalk = decoyAccounts.contains(line.sender()) && decoyAccounts.containsAll(line.targets());
            if (!special.contains(line.id()) && !decoyTalk) {
                assertThat(CUES.find(line.text())).as(line.text()).isNull();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(55_000);
    }

    @Test
    void plantedCampaignsHaveDisjointAccounts() {
        Map<String, String> owner = new HashMap<>();
        for (GroundTruth.Campaign campaign : run.truth().campaigns()) {
            for (String account : new TreeSet<>(concat(campaign.senders(), campaign.targets()))) {
                assertThat(owner.put(account, campaign.id())).as("account %s", account).isNull();
            }
        }
        Set<String> decoyAccounts = run.truth().decoys().stream().flatMap(d -> d.accounts().stream())
                .collect(Collectors.toSet());
        assertThat(decoyAccounts).doesNotContainAnyElementsOf(owner.keySet());
    }

    @Test
    void plantedSendersAlsoPostBenignMessages() {
        Set<String> planted = new HashSet<>();
        run.truth().campaigns().forEach(c -> planted.addAll(c.abusiveMessageIds()));
        Set<String> sendersWithBenign = run.lines().stream().filter(l -> !planted.contains(l.id()))
                .map(GeneratedRun.Line::sender).collect(Collectors.toSet());
        for (GroundTruth.Campaign campaign : run.truth().campaigns()) {
            assertThat(sendersWithBenign).as(campaign.id()).containsAll(campaign.senders());
        }
    }

    @Test
    void persistentPairsAbuseOnAtLeastTwoOccasionsWithinThirtyDays() {
        List<GroundTruth.Campaign> pairs = campaigns(Shape.PERSISTENT_PAIR);
        assertThat(pairs).hasSize(12);
        for (GroundTruth.Campaign pair : pairs) {
            assertThat(pair.senders()).hasSize(1);
            assertThat(pair.targets()).hasSize(1);
            List<Long> times = abusive(pair).stream().map(GeneratedRun.Line::createdAt).sorted().toList();
            assertThat(times.size()).isBetween(2, 6);
            assertThat(occasions(times, HOUR)).as(pair.id()).isGreaterThanOrEqualTo(2);
            assertThat(times.get(times.size() - 1) - times.get(0)).isLessThanOrEqualTo(30 * DAY);
        }
        assertThat(pairs).anyMatch(p -> p.traits().contains(Trait.ESCALATING));
        assertThat(pairs).anyMatch(p -> p.traits().contains(Trait.TARGET_REPLIED));
    }

    @Test
    void escalatingPairsEndWithAThreat() {
        for (GroundTruth.Campaign pair : campaigns(Shape.PERSISTENT_PAIR)) {
            if (pair.traits().contains(Trait.ESCALATING)) {
                assertThat(pair.traits()).contains(Trait.THREAT);
            }
        }
    }

    @Test
    void targetsWhoReplyAskTheSenderToStop() {
        for (GroundTruth.Campaign pair : campaigns(Shape.PERSISTENT_PAIR)) {
            String sender = pair.senders().get(0);
            String target = pair.targets().get(0);
            List<GeneratedRun.Line> replies = run.lines().stream()
                    .filter(l -> l.sender().equals(target) && l.targets().contains(sender)).toList();
            if (pair.traits().contains(Trait.TARGET_REPLIED)) {
                assertThat(replies).hasSize(1);
                assertThat(CUES.find(replies.get(0).text())).isNull();
                assertThat(pair.abusiveMessageIds()).contains(replies.get(0).inReplyTo());
            } else {
                assertThat(replies).isEmpty();
            }
        }
    }

    @Test
    void pileOnsHaveManyDistinctSendersInAShortSpan() {
        List<GroundTruth.Campaign> pileOns = campaigns(Shape.PILE_ON);
        assertThat(pileOns).hasSize(12);
        for (GroundTruth.Campaign pileOn : pileOns) {
            assertThat(pileOn.targets()).hasSize(1);
            List<GeneratedRun.Line> lines = abusive(pileOn);
            assertThat(lines.stream().map(GeneratedRun.Line::sender).distinct().count())
                    .isEqualTo(pileOn.senders().size()).isBetween(8L, 60L);
            boolean fast = maxDistinctInWindow(lines, HOUR, GeneratedRun.Line::sender) >= 8;
            boolean slow = maxDistinctInWindow(lines, DAY, GeneratedRun.Line::sender) >= 20;
            assertThat(fast || slow).as(pileOn.id()).isTrue();
        }
        assertThat(pileOns).anyMatch(p -> p.traits().contains(Trait.COPYPASTA));
        assertThat(pileOns).anyMatch(p -> p.traits().contains(Trait.NEW_ACCOUNTS));
        assertThat(pileOns).anyMatch(p -> p.traits().contains(Trait.HASHTAG));
    }

    @Test
    void pileOnTraitsAreVisibleInTheMessages() {
        for (GroundTruth.Campaign pileOn : campaigns(Shape.PILE_ON)) {
            List<GeneratedRun.Line> lines = abusive(pileOn);
            if (pileOn.traits().contains(Trait.NEW_ACCOUNTS)) {
                assertThat(lines).as(pileOn.id())
                        .anyMatch(l -> l.createdAt() - l.senderCreatedAt() < 7 * DAY);
            }
            if (pileOn.traits().contains(Trait.HASHTAG)) {
                assertThat(lines).as(pileOn.id()).anyMatch(l -> !l.hashtags().isEmpty());
            }
            if (pileOn.traits().contains(Trait.COPYPASTA)) {
                Map<String, Long> bySkeleton = lines.stream().collect(Collectors.groupingBy(
                        l -> skeleton(l.text()), Collectors.counting()));
                assertThat(bySkeleton.values()).as(pileOn.id()).anyMatch(n -> n >= 2);
            }
        }
    }

    @Test
    void spreesHitAtLeastFiveDistinctTargetsWithinADay() {
        List<GroundTruth.Campaign> sprees = campaigns(Shape.SPREE);
        assertThat(sprees).hasSize(12);
        for (GroundTruth.Campaign spree : sprees) {
            assertThat(spree.senders()).hasSize(1);
            List<GeneratedRun.Line> lines = abusive(spree);
            assertThat(maxDistinctInWindow(lines, DAY, l -> l.targets().get(0))).as(spree.id())
                    .isGreaterThanOrEqualTo(5);
            Map<String, Long> perTarget = lines.stream()
                    .collect(Collectors.groupingBy(l -> l.targets().get(0), Collectors.counting()));
            assertThat(perTarget.values()).allMatch(n -> n >= 1 && n <= 2);
            assertThat(perTarget.keySet()).containsExactlyInAnyOrderElementsOf(spree.targets());
        }
    }

    @Test
    void coordinatedCampaignsShareTheirSenderGroupAcrossTargets() {
        List<GroundTruth.Campaign> coordinated = campaigns(Shape.COORDINATED);
        assertThat(coordinated).hasSize(12);
        for (GroundTruth.Campaign campaign : coordinated) {
            assertThat(campaign.senders().size()).isBetween(5, 12);
            assertThat(campaign.targets().size()).isBetween(3, 6);
            Map<String, Set<String>> sendersByTarget = new HashMap<>();
            for (GeneratedRun.Line line : abusive(campaign)) {
                sendersByTarget.computeIfAbsent(line.targets().get(0), t -> new HashSet<>()).add(line.sender());
            }
            assertThat(sendersByTarget.keySet()).containsExactlyInAnyOrderElementsOf(campaign.targets());
            List<Set<String>> groups = new ArrayList<>(sendersByTarget.values());
            int sharing = 0;
            for (int i = 0; i < groups.size(); i++) {
                for (int j = i + 1; j < groups.size(); j++) {
                    Set<String> common = new HashSet<>(groups.get(i));
                    common.retainAll(groups.get(j));
                    if (common.size() >= 3) {
                        sharing++;
                    }
                }
            }
            assertThat(sharing).as(campaign.id()).isGreaterThanOrEqualTo(1);
            Set<String> active = abusive(campaign).stream().map(GeneratedRun.Line::sender).collect(Collectors.toSet());
            assertThat(active).containsExactlyInAnyOrderElementsOf(campaign.senders());
            long last = campaign.lastAbusiveAt().toEpochMilli();
            assertThat(last - campaign.firstAbusiveAt().toEpochMilli()).isLessThanOrEqualTo(3 * DAY + 3 * HOUR);
        }
        assertThat(coordinated).anyMatch(c -> sendersPerTarget(c) < 8);
    }

    @Test
    void heatedExchangesHappenOnceAndNeverAgain() {
        List<GroundTruth.Decoy> heated = decoys(DecoyKind.HEATED_EXCHANGE);
        assertThat(heated).hasSize(8);
        for (GroundTruth.Decoy decoy : heated) {
            List<GeneratedRun.Line> lines = run.between(decoy.accounts().get(0), decoy.accounts().get(1));
            assertThat(lines).hasSizeBetween(3, 6).hasSize(decoy.messageCount() - 1); // minus the opening post
            long first = lines.stream().mapToLong(GeneratedRun.Line::createdAt).min().orElseThrow();
            long last = lines.stream().mapToLong(GeneratedRun.Line::createdAt).max().orElseThrow();
            assertThat(last - first).isLessThanOrEqualTo(15 * MINUTE);
            assertThat(lines.stream().map(GeneratedRun.Line::sender).distinct()).hasSize(2);
            assertThat(lines).allMatch(l -> CUES.find(l.text()) != null);
        }
    }

    @Test
    void banterIsMutualAndSpreadOverDays() {
        List<GroundTruth.Decoy> banter = decoys(DecoyKind.BANTER);
        assertThat(banter).hasSize(8);
        for (GroundTruth.Decoy decoy : banter) {
            String a = decoy.accounts().get(0);
            String b = decoy.accounts().get(1);
            List<GeneratedRun.Line> lines = run.between(a, b);
            assertThat(lines.size()).isGreaterThanOrEqualTo(decoy.messageCount()).isGreaterThanOrEqualTo(12);
            for (String speaker : List.of(a, b)) {
                List<GeneratedRun.Line> said = lines.stream().filter(l -> l.sender().equals(speaker)).toList();
                assertThat(said.size()).as("%s -> other", speaker).isGreaterThanOrEqualTo(6);
                assertThat(said.stream().filter(l -> CUES.find(l.text()) != null).count())
                        .as("mock insults by %s", speaker).isGreaterThanOrEqualTo(2);
            }
            long days = lines.stream().map(l -> l.createdAt() / DAY).distinct().count();
            assertThat(days).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void viralAttentionIsHundredsOfFriendlyRepliesWithinHours() {
        for (GroundTruth.Decoy decoy : decoys(DecoyKind.VIRAL_BENIGN)) {
            String author = decoy.accounts().get(0);
            long first = decoy.firstAt().toEpochMilli();
            List<GeneratedRun.Line> replies = run.lines().stream().filter(l -> l.targets().contains(author)
                    && !l.sender().equals(author) && l.createdAt() >= first && l.createdAt() <= first + 6 * HOUR + MINUTE)
                    .toList();
            assertThat(replies.size()).isGreaterThanOrEqualTo(decoy.messageCount() - 1);
            assertThat(replies.stream().map(GeneratedRun.Line::sender).distinct().count())
                    .isGreaterThanOrEqualTo(decoy.messageCount() - 1L);
            assertThat(decoy.messageCount()).isBetween(21, 2001);
        }
    }

    @Test
    void profanityDecoysSwearAtNobody() {
        for (GroundTruth.Decoy decoy : decoys(DecoyKind.UNDIRECTED_PROFANITY)) {
            String user = decoy.accounts().get(0);
            long profane = run.lines().stream().filter(l -> l.sender().equals(user))
                    .filter(l -> l.text().matches("(?i).*\\b(fuck\\w*|shit\\w*|damn|bloody|hell)\\b.*")).count();
            assertThat(profane).isGreaterThanOrEqualTo(decoy.messageCount());
            assertThat(decoy.messageCount()).isBetween(5, 15);
        }
    }

    @Test
    void outOfOrderShareIsRoughlyAsAsked(@TempDir Path dense) {
        // Two days of 50,000 messages: a held-back line is nearly always overtaken by a newer one.
        GeneratorConfig config = GeneratorConfig.defaults(5, 50_000).withSpanDays(2).withOutOfOrderShare(0.05)
                .withCampaignsPerShape(3).withDecoysPerKind(3);
        GeneratedRun denseRun = GeneratedRun.generate(config, dense);
        long late = 0;
        long newest = Long.MIN_VALUE;
        for (GeneratedRun.Line line : denseRun.lines()) {
            if (line.createdAt() < newest) {
                late++;
                assertThat(newest - line.createdAt()).isLessThanOrEqualTo(config.maxDisplacement().toMillis());
            }
            newest = Math.max(newest, line.createdAt());
        }
        assertThat(late / 50_000.0).isBetween(0.04, 0.06);
    }

    @Test
    void noOutOfOrderShareMeansStrictlyOrderedOutput(@TempDir Path ordered) {
        GeneratedRun orderedRun = GeneratedRun.generate(GeneratorConfig.defaults(5, 20_000).withOutOfOrderShare(0),
                ordered);
        long newest = Long.MIN_VALUE;
        for (GeneratedRun.Line line : orderedRun.lines()) {
            assertThat(line.createdAt()).isGreaterThanOrEqualTo(newest);
            newest = line.createdAt();
        }
    }

    @Test
    void upstreamScoresAppearOnTheAskedShareAndFollowTheText(@TempDir Path scored) {
        GeneratedRun scoredRun = GeneratedRun.generate(CONFIG.withUpstreamScoreShare(0.5), scored);
        List<GeneratedRun.Line> withScores = scoredRun.lines().stream().filter(l -> l.scores() != null).toList();
        assertThat(withScores.size() / 60_000.0).isBetween(0.47, 0.53);
        for (GeneratedRun.Line line : withScores) {
            assertThat(line.scores().size()).isEqualTo(7);
            line.scores().forEach(v -> assertThat(v.asDouble()).isBetween(0.0, 1.0));
        }
        Set<String> planted = new HashSet<>();
        scoredRun.truth().campaigns().forEach(c -> planted.addAll(c.abusiveMessageIds()));
        double abusiveToxicity = withScores.stream().filter(l -> planted.contains(l.id()))
                .mapToDouble(l -> l.scores().get("toxicity").asDouble()).average().orElseThrow();
        double benignToxicity = withScores.stream().filter(l -> !planted.contains(l.id()))
                .mapToDouble(l -> l.scores().get("toxicity").asDouble()).average().orElseThrow();
        assertThat(abusiveToxicity).isGreaterThan(0.5);
        assertThat(benignToxicity).isLessThan(0.15);
        // Noisy, not an oracle: some planted abuse scores low, some benign text scores high.
        assertThat(withScores.stream().filter(l -> planted.contains(l.id()))
                .anyMatch(l -> l.scores().get("toxicity").asDouble() < 0.4)).isTrue();
        assertThat(withScores.stream().filter(l -> !planted.contains(l.id()))
                .anyMatch(l -> l.scores().get("toxicity").asDouble() > 0.6)).isTrue();
        // Switching scores on changes nothing else.
        for (int i = 0; i < 1000; i++) {
            assertThat(scoredRun.lines().get(i).text()).isEqualTo(run.lines().get(i).text());
        }
    }

    @Test
    void tooManyCampaignsForTheMessageCountIsRejectedWithTheNumbers() {
        GeneratorConfig config = GeneratorConfig.defaults(1, 2_000).withCampaignsPerShape(40);
        assertThatThrownBy(() -> TrafficGenerator.stream(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages=2000").hasMessageContaining("40 campaigns per shape");
    }

    @Test
    void startAndSpanAreHonoured(@TempDir Path shifted) {
        Instant start = Instant.parse("2025-06-01T12:00:00Z");
        GeneratedRun shiftedRun = GeneratedRun.generate(GeneratorConfig.defaults(3, 10_000).withStart(start)
                .withSpanDays(3), shifted);
        assertThat(shiftedRun.truth().start()).isEqualTo(start);
        assertThat(shiftedRun.truth().end()).isEqualTo(start.plus(Duration.ofDays(3)));
        assertThat(shiftedRun.lines()).allMatch(l -> l.createdAt() >= start.toEpochMilli()
                && l.createdAt() < start.plus(Duration.ofDays(3)).toEpochMilli());
    }

    private static int occasions(List<Long> sortedTimes, long gap) {
        int occasions = 1;
        for (int i = 1; i < sortedTimes.size(); i++) {
            if (sortedTimes.get(i) - sortedTimes.get(i - 1) >= gap) {
                occasions++;
            }
        }
        return occasions;
    }

    private static int maxDistinctInWindow(List<GeneratedRun.Line> lines, long window,
                                           java.util.function.Function<GeneratedRun.Line, String> key) {
        List<GeneratedRun.Line> sorted = lines.stream()
                .sorted(java.util.Comparator.comparingLong(GeneratedRun.Line::createdAt)).toList();
        int best = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Set<String> keys = new HashSet<>();
            for (int j = i; j < sorted.size() && sorted.get(j).createdAt() - sorted.get(i).createdAt() <= window; j++) {
                keys.add(key.apply(sorted.get(j)));
            }
            best = Math.max(best, keys.size());
        }
        return best;
    }

    private static double sendersPerTarget(GroundTruth.Campaign campaign) {
        return abusive(campaign).stream().collect(Collectors.groupingBy(l -> l.targets().get(0),
                Collectors.mapping(GeneratedRun.Line::sender, Collectors.toSet()))).values().stream()
                .mapToInt(Set::size).average().orElseThrow();
    }

    /** Text with copypasta decorations, hashtags and links stripped: equal skeletons are copies. */
    private static String skeleton(String text) {
        String normalized = AbuseCues.normalize(text.replaceAll("https?://\\S+|#\\S+", ""));
        return normalized.replaceAll("^(lmao|fr|honestly|lol) ", "").replaceAll(" (lol|fr|smh)$", "");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
