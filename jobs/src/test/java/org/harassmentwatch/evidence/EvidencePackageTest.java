package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.detect.Hashing;
import org.harassmentwatch.ingest.Message;
import org.harassmentwatch.ingest.MessageJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidencePackageTest {

    private static final Instant EXPORTED = Instant.parse("2026-03-05T10:15:30.123Z");

    @TempDir
    Path tmp;

    private Path export(CampaignEvidence input) throws IOException {
        Path dir = tmp.resolve("pkg-" + System.nanoTime());
        EvidencePackageWriter.write(input, dir, EXPORTED);
        return dir;
    }

    @Test
    void packageHoldsTheSixFilesAndVerifiesClean() throws IOException {
        Path dir = export(EvidenceFixtures.input());

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("campaign.json",
                    "messages.ndjson", "messages.csv", "timeline.txt", "report.html", "manifest.json");
        }
        Verification v = EvidenceVerifier.verify(dir);
        assertThat(v.problems()).isEmpty();
        assertThat(v.filesChecked()).isEqualTo(5);
        assertThat(v.recordsChecked()).isEqualTo(4);
        assertThat(v.campaignId()).isEqualTo(EvidenceFixtures.CAMPAIGN_ID);
        assertThat(v.exportedAt()).isEqualTo("2026-03-05T10:15:30.123Z");
        assertThat(v.manifestSha256()).isEqualTo(Hashing.sha256Hex(Files.readAllBytes(dir.resolve("manifest.json"))));
        assertThat(v.notes()).containsExactly(EvidenceSetCheck.Status.MATCH.meaning() + " (4 records)");
    }

    @Test
    void eachLineOfMessagesNdjsonIsTheCanonicalRecordTheDetectorSealed() throws IOException {
        Path dir = export(EvidenceFixtures.input());

        List<String> lines = Files.readAllLines(dir.resolve("messages.ndjson"), StandardCharsets.UTF_8);
        List<String> expected = EvidenceFixtures.messages().stream()
                .sorted((a, b) -> a.createdAt() != b.createdAt() ? Long.compare(a.createdAt(), b.createdAt())
                        : a.messageId().compareTo(b.messageId()))
                .map(MessageJson::toCanonicalJson).toList();
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(lines).extracting(l -> CanonicalJson.parse(l).path("message_id").asText())
                .containsExactly("m-1", "m-10", "m-2", "m-3");
        JsonNode manifest = CanonicalJson.parse(Files.readAllBytes(dir.resolve("manifest.json")));
        for (int i = 0; i < lines.size(); i++) {
            JsonNode record = manifest.path("records").get(i);
            assertThat(record.path("line").asInt()).isEqualTo(i + 1);
            assertThat(record.path("sha256").asText()).isEqualTo(Hashing.sha256Hex(lines.get(i)))
                    .isEqualTo(record.path("sealed_sha256").asText());
        }
    }

    @Test
    void manifestRecordsDetectorQueryChecksAndExportTime() throws IOException {
        Path dir = export(EvidenceFixtures.input());

        JsonNode m = CanonicalJson.parse(Files.readAllBytes(dir.resolve("manifest.json")));
        assertThat(m.path("format").asText()).isEqualTo("harassment-watch/evidence-package/v1");
        assertThat(m.path("exported_at").asText()).isEqualTo("2026-03-05T10:15:30.123Z");
        assertThat(m.path("detector").path("version").asText()).isEqualTo("hw-detect-1.0.0");
        assertThat(m.path("detector").path("config_sha256").asText()).startsWith("3b7e1d9a");
        assertThat(m.path("canonical_form").asText()).isEqualTo(MessageJson.CANONICAL_FORM);
        assertThat(m.path("query").path("campaign").path("request").asText())
                .isEqualTo("GET /hw-campaigns/_doc/" + EvidenceFixtures.CAMPAIGN_ID);
        assertThat(m.path("query").path("evidence").path("body").toString()).isEqualTo(
                "{\"query\":{\"term\":{\"campaign_id\":\"" + EvidenceFixtures.CAMPAIGN_ID + "\"}},\"size\":500,"
                        + "\"sort\":[{\"created_at\":\"asc\"},{\"message_id\":\"asc\"}]}");
        assertThat(m.path("files")).extracting(f -> f.path("name").asText())
                .containsExactly("campaign.json", "messages.csv", "messages.ndjson", "report.html", "timeline.txt");
        for (JsonNode f : m.path("files")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(f.path("name").asText()));
            assertThat(f.path("sha256").asText()).isEqualTo(Hashing.sha256Hex(bytes));
            assertThat(f.path("bytes").asLong()).isEqualTo(bytes.length);
        }
        assertThat(m.path("record_seals").path("matching").asInt()).isEqualTo(4);
        assertThat(m.path("evidence_set").path("result").asText()).isEqualTo("match");
    }

    @Test
    void manifestSealCanBeCheckedWithoutTheToolByDroppingItsLine() throws IOException {
        Path dir = export(EvidenceFixtures.input());

        String manifest = Files.readString(dir.resolve("manifest.json"));
        String withoutSelfHash = String.join("", manifest.lines()
                .filter(l -> !l.startsWith("  \"manifest_sha256\": ")).map(l -> l + "\n").toList());
        String selfHash = CanonicalJson.parse(manifest).path("manifest_sha256").asText();
        assertThat(withoutSelfHash).hasSize(manifest.length() - ("  \"manifest_sha256\": \"" + selfHash + "\",\n").length());
        assertThat(Hashing.sha256Hex(withoutSelfHash)).isEqualTo(selfHash);
    }

    @Test
    void reexportGivesIdenticalFilesAndAManifestDifferingOnlyInExportTime() throws IOException {
        Path first = export(EvidenceFixtures.input());
        List<ObjectNode> shuffled = new ArrayList<>(EvidenceFixtures.evidenceDocuments());
        Collections.shuffle(shuffled, new Random(7));
        CampaignEvidence again = new CampaignEvidence(EvidenceFixtures.input().campaign(), shuffled,
                EvidenceFixtures.input().query());
        Path second = tmp.resolve("second");
        EvidencePackageWriter.write(again, second, EXPORTED.plusSeconds(86_400 * 40));

        for (String name : PackageFiles.SEALED) {
            assertThat(Files.readAllBytes(second.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(first.resolve(name)));
        }
        List<String> a = Files.readAllLines(first.resolve("manifest.json"));
        List<String> b = Files.readAllLines(second.resolve("manifest.json"));
        assertThat(b).hasSameSizeAs(a);
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                differing.add(b.get(i).trim().replaceAll(": .*", ""));
            }
        }
        assertThat(differing).containsExactly("\"exported_at\"", "\"manifest_sha256\"");
        assertThat(EvidenceVerifier.verify(second).problems()).isEmpty();
    }

    @Test
    void flippingAnyByteOfAnyFileIsReportedWithTheFileName() throws IOException {
        Path dir = export(EvidenceFixtures.input());
        for (String name : List.of("campaign.json", "messages.ndjson", "messages.csv", "timeline.txt",
                "report.html", "manifest.json")) {
            Path file = dir.resolve(name);
            byte[] original = Files.readAllBytes(file);
            for (int position : new int[] {0, original.length / 3, original.length / 2, original.length - 1}) {
                for (int mask : new int[] {0x01, 0x20, 0x80}) {
                    byte[] altered = original.clone();
                    altered[position] ^= (byte) mask;
                    Files.write(file, altered);
                    Verification v = EvidenceVerifier.verify(dir);
                    assertThat(v.problems()).as("%s byte %d ^ 0x%02x", name, position, mask)
                            .extracting(Verification.Problem::subject).contains(name);
                }
            }
            Files.write(file, original);
            assertThat(EvidenceVerifier.verify(dir).problems()).as("restored " + name).isEmpty();
        }
    }

    @Test
    void flippingAnySingleByteOfTheManifestIsCaught() throws IOException {
        Path dir = export(EvidenceFixtures.input());
        byte[] original = Files.readAllBytes(dir.resolve("manifest.json"));
        assertThat(EvidenceVerifier.manifestProblem(original)).isNull();
        for (int position = 0; position < original.length; position++) {
            for (int mask : new int[] {0x01}) {
                byte[] altered = original.clone();
                altered[position] ^= (byte) mask;
                assertThat(EvidenceVerifier.manifestProblem(altered)).as("manifest byte %d ^ 0x%02x", position, mask)
                        .isNotNull();
            }
        }
    }

    @Test
    void flippingAByteInOneRecordNamesThatRecord() throws IOException {
        Path dir = export(EvidenceFixtures.input());
        Path file = dir.resolve("messages.ndjson");
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int line3 = text.indexOf("\"message_id\":\"m-2\"");
        bytes[line3 - 20] ^= 0x04;
        Files.write(file, bytes);

        Verification v = EvidenceVerifier.verify(dir);
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).extracting(Verification.Problem::subject)
                .containsExactly("messages.ndjson", "record m-2 (messages.ndjson line 3)");
        assertThat(v.problems().get(1).detail()).startsWith("altered or missing: the line hashes to ");
    }

    @Test
    void missingAndAddedFilesAreReported() throws IOException {
        Path dir = export(EvidenceFixtures.input());
        Files.delete(dir.resolve("report.html"));
        Files.writeString(dir.resolve("notes.txt"), "added later");

        Verification v = EvidenceVerifier.verify(dir);
        assertThat(v.problems()).extracting(Object::toString).containsExactly("report.html: missing",
                "notes.txt: added: not part of the package (manifest.json does not list it)");
    }

    @Test
    void removedRecordLineIsReportedByNameAndCount() throws IOException {
        Path dir = export(EvidenceFixtures.input());
        Path file = dir.resolve("messages.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);

        Verification v = EvidenceVerifier.verify(dir);
        assertThat(v.problems()).extracting(Object::toString).contains(
                "messages.ndjson: holds 3 records, the manifest lists 4");
        assertThat(v.problems()).extracting(Verification.Problem::subject)
                .contains("record m-10 (messages.ndjson line 2)", "record m-2 (messages.ndjson line 3)");
    }

    @Test
    void evidenceDocumentChangedAfterDetectionIsReportedAtExportAndByVerify() throws IOException {
        List<ObjectNode> docs = EvidenceFixtures.evidenceDocuments();
        docs.get(0).put("text", "a softer text than was sent");
        CampaignEvidence input = new CampaignEvidence(EvidenceFixtures.input().campaign(), docs,
                EvidenceFixtures.input().query());
        Path dir = tmp.resolve("changed");

        ExportResult result = EvidencePackageWriter.write(input, dir, EXPORTED);

        assertThat(result.unsealedMessageIds()).containsExactly("m-3");
        assertThat(result.evidenceSet().status()).isEqualTo(EvidenceSetCheck.Status.MISMATCH);
        assertThat(result.intact()).isFalse();
        Verification v = EvidenceVerifier.verify(dir);
        assertThat(v.problems()).extracting(Verification.Problem::subject)
                .containsExactly("record m-3 (messages.ndjson line 4)", "messages.ndjson");
        assertThat(v.problems().get(0).detail()).startsWith("does not match the seal the detector recorded");
    }

    @Test
    void messagesWithUpstreamClassifierScoresAreResealedFromTheEvidenceDocument() throws IOException {
        Message plain = EvidenceFixtures.messages().get(1);
        Message withScores = new Message(plain.messageId(), plain.platform(), plain.senderId(), plain.createdAt(),
                plain.text(), plain.targetIds(), plain.conversationId(), plain.inReplyTo(), plain.channel(),
                plain.lang(), plain.senderCreatedAt(), plain.reported(), plain.hashtags(), plain.urls(),
                Map.of("toxicity", 0.93), plain.ingestedAt(), plain.source());
        CampaignEvidence input = new CampaignEvidence(
                EvidenceFixtures.campaignDocument(List.of(withScores), 1),
                List.of(EvidenceFixtures.evidenceDocument(withScores)), EvidenceFixtures.input().query());

        ExportResult result = EvidencePackageWriter.write(input, tmp.resolve("scored"), EXPORTED);

        // The evidence document keeps upstream_scores, so the canonical record (and its seal) can be rebuilt.
        assertThat(result.unsealedMessageIds()).isEmpty();
    }

    @Test
    void fewerEvidenceDocumentsThanTheCampaignCountsIsANoteNotAFailure() throws IOException {
        List<Message> all = EvidenceFixtures.messages();
        CampaignEvidence input = new CampaignEvidence(EvidenceFixtures.campaignDocument(all, 5),
                EvidenceFixtures.evidenceDocuments(), EvidenceFixtures.input().query());
        Path dir = tmp.resolve("incomplete");

        ExportResult result = EvidencePackageWriter.write(input, dir, EXPORTED);

        assertThat(result.evidenceSet().status()).isEqualTo(EvidenceSetCheck.Status.INCOMPLETE);
        assertThat(result.intact()).isTrue();
        Verification v = EvidenceVerifier.verify(dir);
        assertThat(v.problems()).isEmpty();
        assertThat(v.notes()).singleElement().asString().startsWith("the package holds 4 of the 5 evidence messages");
    }

    @Test
    void anEvidenceSetOtherThanTheCampaignsIsAFailure() throws IOException {
        List<Message> others = new ArrayList<>(EvidenceFixtures.messages());
        others.set(0, EvidenceFixtures.message("m-99", "zed", List.of("bob"), EvidenceFixtures.T0, "x", List.of(), null));
        CampaignEvidence input = new CampaignEvidence(EvidenceFixtures.campaignDocument(others, 4),
                EvidenceFixtures.evidenceDocuments(), EvidenceFixtures.input().query());
        Path dir = tmp.resolve("other-set");

        ExportResult result = EvidencePackageWriter.write(input, dir, EXPORTED);

        assertThat(result.unsealedMessageIds()).isEmpty();
        assertThat(result.evidenceSet().status()).isEqualTo(EvidenceSetCheck.Status.MISMATCH);
        assertThat(EvidenceVerifier.verify(dir).problems()).extracting(Verification.Problem::subject)
                .containsExactly("messages.ndjson");
    }

    @Test
    void documentsThatCannotBelongToThePackageAreRejectedByName() {
        List<ObjectNode> foreign = EvidenceFixtures.evidenceDocuments();
        foreign.get(2).put("campaign_id", "hwc-other");
        assertThatThrownBy(() -> EvidencePackageWriter.build(new CampaignEvidence(EvidenceFixtures.input().campaign(),
                foreign, EvidenceFixtures.input().query()), EXPORTED))
                .hasMessage("evidence document of message 'm-2' belongs to campaign 'hwc-other', not '"
                        + EvidenceFixtures.CAMPAIGN_ID + "'");

        List<ObjectNode> twice = EvidenceFixtures.evidenceDocuments();
        twice.add(twice.get(0).deepCopy());
        assertThatThrownBy(() -> EvidencePackageWriter.build(new CampaignEvidence(EvidenceFixtures.input().campaign(),
                twice, EvidenceFixtures.input().query()), EXPORTED))
                .hasMessageContaining("message 'm-3' has two evidence documents");

        List<ObjectNode> broken = EvidenceFixtures.evidenceDocuments();
        broken.get(1).remove("sender_id");
        assertThatThrownBy(() -> EvidencePackageWriter.build(new CampaignEvidence(EvidenceFixtures.input().campaign(),
                broken, EvidenceFixtures.input().query()), EXPORTED))
                .hasMessage("evidence document of message 'm-1': field 'sender_id' is missing");

        List<ObjectNode> badTime = EvidenceFixtures.evidenceDocuments();
        badTime.get(1).put("created_at", "yesterday");
        assertThatThrownBy(() -> EvidencePackageWriter.build(new CampaignEvidence(EvidenceFixtures.input().campaign(),
                badTime, EvidenceFixtures.input().query()), EXPORTED))
                .hasMessage("evidence document of message 'm-1': field 'created_at' is not an ISO-8601 timestamp "
                        + "with offset: \"yesterday\"");
    }

    @Test
    void outputFolderMustBeNewOrEmpty() throws IOException {
        Path dir = tmp.resolve("used");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("old.txt"), "from an earlier export");

        assertThatThrownBy(() -> EvidencePackageWriter.write(EvidenceFixtures.input(), dir, EXPORTED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not empty (it holds old.txt)");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void verifyingSomethingThatIsNotAPackageSaysWhy() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(EvidenceVerifier.verify(empty).problems()).extracting(Object::toString)
                .containsExactly("manifest.json: missing: nothing in the package can be checked");
        assertThatThrownBy(() -> EvidenceVerifier.verify(tmp.resolve("nowhere")))
                .hasMessageContaining("is not a folder");
    }

    @Test
    void campaignJsonIsCanonicalAndKeepsTheStoredNumbers() throws IOException {
        Path dir = export(EvidenceFixtures.input());

        String json = Files.readString(dir.resolve("campaign.json"));
        assertThat(json).startsWith("{\n  \"abusive_message_count\": 4,\n  \"campaign_id\": ");
        assertThat(json).contains("\"near_duplicate_share\": 0.333,").endsWith("}\n");
        assertThat(CanonicalJson.parse(json)).isEqualTo(EvidenceFixtures.input().campaign());
        assertThat(Arrays.asList(json.split("\n"))).noneMatch(l -> l.endsWith(" ") || l.contains("\r"));
    }
}
