package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.harassmentwatch.detect.Hashing;
import org.harassmentwatch.ingest.MessageJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an evidence package for police from a campaign and its evidence documents:
 * <ul>
 *   <li>{@code campaign.json}: the campaign document in canonical JSON;</li>
 *   <li>{@code messages.ndjson}: one canonical message record per line, sorted by time sent then message id; the
 *       SHA-256 of a line (without its newline) is the record hash the detector sealed;</li>
 *   <li>{@code messages.csv}: the same messages with the detector's scores, for spreadsheets;</li>
 *   <li>{@code timeline.txt}: time, sender, targets, categories, message id, one line each;</li>
 *   <li>{@code report.html}: the readable report;</li>
 *   <li>{@code manifest.json}: hashes of all the above and of every record, detector version and configuration
 *       hash, query, checks, export time (see {@link Manifest}).</li>
 * </ul>
 * Everything but {@code manifest.json} depends only on the documents, so re-exporting the same campaign gives the
 * same bytes; the manifest differs only in {@code exported_at} and its own hash.
 */
public final class EvidencePackageWriter {

    private EvidencePackageWriter() {
    }

    /**
     * Builds the package in memory: file name to bytes, {@code manifest.json} last.
     *
     * @throws IllegalArgumentException when an evidence document belongs to another campaign, appears twice, or
     *                                  lacks a field its record needs
     */
    public static Map<String, byte[]> build(CampaignEvidence input, Instant exportedAt) {
        return assemble(input, exportedAt).files;
    }

    /**
     * Writes the package into {@code directory}, which must not exist or be empty (so no stale file of an earlier
     * export ends up beside the new ones).
     */
    public static ExportResult write(CampaignEvidence input, Path directory, Instant exportedAt) throws IOException {
        Assembled assembled = assemble(input, exportedAt);
        requireEmpty(directory);
        Files.createDirectories(directory);
        for (Map.Entry<String, byte[]> file : assembled.files.entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue(), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        }
        JsonNode campaign = input.campaign();
        return new ExportResult(directory, input.query().campaignId(), campaign.path("version").asLong(),
                assembled.records.size(), assembled.unsealed, assembled.setCheck,
                Hashing.sha256Hex(assembled.files.get(PackageFiles.MANIFEST)));
    }

    private record Assembled(Map<String, byte[]> files, List<EvidenceRecord> records, List<String> unsealed,
                             EvidenceSetCheck setCheck) {
    }

    private static Assembled assemble(CampaignEvidence input, Instant exportedAt) {
        String campaignId = input.query().campaignId();
        List<EvidenceRecord> records = new ArrayList<>(input.evidenceDocuments().size());
        Map<String, String> hashes = new HashMap<>();
        for (ObjectNode doc : input.evidenceDocuments()) {
            String docCampaign = doc.path("campaign_id").asText(null);
            if (!campaignId.equals(docCampaign)) {
                throw new IllegalArgumentException("evidence document of message '" + doc.path("message_id").asText()
                        + "' belongs to campaign '" + docCampaign + "', not '" + campaignId + "'");
            }
            EvidenceRecord record = EvidenceRecords.fromDocument(doc);
            if (hashes.put(record.messageId(), record.sha256()) != null) {
                throw new IllegalArgumentException("message '" + record.messageId() + "' has two evidence documents"
                        + " in campaign '" + campaignId + "'");
            }
            records.add(record);
        }
        records.sort(EvidenceRecord.ORDER);
        List<String> unsealed = records.stream().filter(r -> !r.matchesSeal()).map(EvidenceRecord::messageId).toList();
        EvidenceSetCheck setCheck = EvidenceSetCheck.of(input.campaign(), hashes);
        ObjectNode query = input.query().toJson();

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PackageFiles.CAMPAIGN, CanonicalJson.prettyBytes(input.campaign()));
        StringBuilder ndjson = new StringBuilder(records.size() * 400);
        records.forEach(r -> ndjson.append(r.canonicalJson()).append('\n'));
        files.put(PackageFiles.MESSAGES, utf8(ndjson.toString()));
        files.put(PackageFiles.MESSAGES_CSV, utf8(MessagesCsv.render(records)));
        files.put(PackageFiles.TIMELINE, utf8(Timeline.render(input.campaign(), records)));
        files.put(PackageFiles.REPORT, utf8(HtmlReport.render(input.campaign(), records, setCheck, query)));
        files.put(PackageFiles.MANIFEST, Manifest.seal(manifest(input.campaign(), records, unsealed, setCheck, query,
                files, exportedAt)));
        return new Assembled(files, records, unsealed, setCheck);
    }

    private static ObjectNode manifest(JsonNode campaign, List<EvidenceRecord> records, List<String> unsealed,
                                       EvidenceSetCheck setCheck, ObjectNode query, Map<String, byte[]> files,
                                       Instant exportedAt) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode m = f.objectNode();
        m.put("format", Manifest.FORMAT);
        m.put("exported_at", Times.iso(exportedAt.toEpochMilli()));
        ObjectNode c = m.putObject("campaign");
        c.put("campaign_id", campaign.path("campaign_id").asText());
        c.set("version", campaign.path("version").deepCopy());
        c.put("status", campaign.path("status").asText());
        c.set("evidence_count", campaign.path("evidence").path("count").deepCopy());
        c.set("evidence_manifest_sha256", campaign.path("evidence").path("manifest_sha256").deepCopy());
        m.set("detector", campaign.path("detector").deepCopy());
        m.put("canonical_form", MessageJson.CANONICAL_FORM);
        m.put("hash_algorithm", "SHA-256");
        m.set("query", query);
        ArrayNode fileList = m.putArray("files");
        for (String name : PackageFiles.SEALED) {
            byte[] bytes = files.get(name);
            fileList.addObject().put("name", name).put("bytes", bytes.length).put("sha256", Hashing.sha256Hex(bytes));
        }
        ArrayNode recordList = m.putArray("records");
        for (int i = 0; i < records.size(); i++) {
            EvidenceRecord r = records.get(i);
            recordList.addObject().put("line", i + 1).put("message_id", r.messageId()).put("sha256", r.sha256())
                    .put("sealed_sha256", r.sealedSha256());
        }
        ObjectNode seals = m.putObject("record_seals");
        seals.put("checked", records.size());
        seals.put("matching", records.size() - unsealed.size());
        ArrayNode notMatching = seals.putArray("not_matching");
        unsealed.forEach(notMatching::add);
        m.set("evidence_set", setCheck.toJson());
        ArrayNode how = m.putArray("how_to_verify");
        how.add("harassment-watch verify-evidence DIR checks everything below.");
        how.add("Each file: sha256sum FILE equals files[].sha256.");
        how.add("Each record: the SHA-256 of line N of messages.ndjson, without its newline, equals records[N-1].sha256,"
                + " which should equal sealed_sha256 (the record_sha256 the detector sealed when it read the message).");
        how.add("The evidence set: SHA-256 over one line '<message_id> <sha256>\\n' per record in message-id order"
                + " equals evidence.manifest_sha256 of campaign.json when the package holds the campaign's whole set.");
        how.add("This manifest: grep -v '^  \"manifest_sha256\": ' manifest.json | sha256sum equals manifest_sha256.");
        return m;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void requireEmpty(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("output " + directory + " exists and is not a folder");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                throw new IllegalArgumentException("output folder " + directory + " is not empty (it holds "
                        + entry.getFileName() + "): choose a new or empty folder, so no file of an earlier export "
                        + "ends up in this package");
            }
        }
    }
}
