package org.harassmentwatch.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.harassmentwatch.detect.Hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Re-checks an evidence package: the manifest's own seal, every file's SHA-256, every record's SHA-256 (one line
 * of {@code messages.ndjson} each) against the manifest and against the detector's seal, that no file was added,
 * that {@code campaign.json} agrees with the manifest, and that the records are still the campaign's evidence set.
 * Every problem names the file or record it concerns.
 */
public final class EvidenceVerifier {

    /** Names a manifest may list: plain file names in the package folder, never a path elsewhere. */
    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");

    private final Path directory;
    private final List<Verification.Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private EvidenceVerifier(Path directory) {
        this.directory = directory;
    }

    /**
     * @throws IllegalArgumentException when {@code directory} is not a folder
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static Verification verify(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("evidence package " + directory + " is not a folder");
        }
        try {
            return new EvidenceVerifier(directory).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence package " + directory + ": " + e.getMessage(), e);
        }
    }

    private Verification run() throws IOException {
        Path manifestFile = directory.resolve(PackageFiles.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            problem(PackageFiles.MANIFEST, "missing: nothing in the package can be checked");
            return result(null, null, 0, 0);
        }
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        String manifestSha256 = Hashing.sha256Hex(manifestBytes);
        String manifestProblem = manifestProblem(manifestBytes);
        if (manifestProblem != null) {
            problem(PackageFiles.MANIFEST, manifestProblem);
        }
        JsonNode manifest;
        try {
            manifest = CanonicalJson.parse(manifestBytes);
        } catch (IllegalArgumentException e) {
            return result(manifestSha256, null, 0, 0);
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        int files = checkFiles(manifest, contents);
        checkNoExtraFiles(manifest);
        int records = checkRecords(manifest, contents.get(PackageFiles.MESSAGES));
        checkCampaign(manifest, contents.get(PackageFiles.CAMPAIGN), contents.get(PackageFiles.MESSAGES));
        return result(manifestSha256, manifest, files, records);
    }

    /** Why the bytes of {@code manifest.json} are not a sealed manifest, or null when they are. */
    static String manifestProblem(byte[] bytes) {
        JsonNode manifest;
        try {
            manifest = CanonicalJson.parse(bytes);
        } catch (IllegalArgumentException e) {
            return "altered: " + e.getMessage();
        }
        return Manifest.problem(bytes, manifest);
    }

    /** Hashes every listed file; keeps the bytes of those that match, for the later checks. */
    private int checkFiles(JsonNode manifest, Map<String, byte[]> intact) throws IOException {
        TreeSet<String> listed = new TreeSet<>();
        int checked = 0;
        for (JsonNode entry : manifest.path("files")) {
            String name = entry.path("name").asText();
            if (!PLAIN_FILE_NAME.matcher(name).matches() || name.equals(PackageFiles.MANIFEST)) {
                problem(PackageFiles.MANIFEST, "lists a file that cannot be in a package: '" + name + "'");
                continue;
            }
            listed.add(name);
            Path file = directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                problem(name, "missing");
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            checked++;
            String expected = entry.path("sha256").asText();
            String actual = Hashing.sha256Hex(bytes);
            if (!actual.equals(expected)) {
                long expectedBytes = entry.path("bytes").asLong(-1);
                problem(name, "altered: SHA-256 is " + actual + ", the manifest says " + expected
                        + (expectedBytes == bytes.length ? "" : " (" + bytes.length + " bytes, the manifest says "
                        + expectedBytes + ")"));
            } else {
                intact.put(name, bytes);
            }
        }
        for (String required : PackageFiles.SEALED) {
            if (!listed.contains(required)) {
                problem(PackageFiles.MANIFEST, "does not list " + required + " (altered)");
            }
        }
        return checked;
    }

    private void checkNoExtraFiles(JsonNode manifest) throws IOException {
        TreeSet<String> listed = new TreeSet<>();
        manifest.path("files").forEach(e -> listed.add(e.path("name").asText()));
        listed.add(PackageFiles.MANIFEST);
        TreeSet<String> extra = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!listed.contains(name)) {
                    extra.add(name);
                }
            }
        }
        extra.forEach(name -> problem(name, "added: not part of the package (manifest.json does not list it)"));
    }

    /**
     * Every record's hash against the manifest (by line) and the detector's seal. Runs even when the file as a
     * whole is altered, so the altered records are named.
     */
    private int checkRecords(JsonNode manifest, byte[] intactMessages) throws IOException {
        Path file = directory.resolve(PackageFiles.MESSAGES);
        JsonNode entries = manifest.path("records");
        if (!Files.isRegularFile(file)) {
            return 0; // reported as a missing file
        }
        byte[] bytes = intactMessages != null ? intactMessages : Files.readAllBytes(file);
        List<byte[]> lines = lines(bytes);
        if (lines.size() != entries.size()) {
            problem(PackageFiles.MESSAGES, "holds " + lines.size() + " records, the manifest lists " + entries.size());
        }
        Map<String, Integer> lineByHash = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            lineByHash.putIfAbsent(Hashing.sha256Hex(lines.get(i)), i + 1);
        }
        int checked = 0;
        for (JsonNode entry : entries) {
            int line = entry.path("line").asInt();
            String id = entry.path("message_id").asText();
            String expected = entry.path("sha256").asText();
            String subject = "record " + id + " (" + PackageFiles.MESSAGES + " line " + line + ")";
            checked++;
            Integer foundAt = lineByHash.get(expected);
            if (foundAt == null) {
                String actual = line >= 1 && line <= lines.size() ? Hashing.sha256Hex(lines.get(line - 1)) : "no such line";
                problem(subject, "altered or missing: the line hashes to " + actual + ", the manifest says " + expected);
            } else if (foundAt != line) {
                problem(subject, "moved to line " + foundAt);
            }
            String sealed = entry.path("sealed_sha256").asText();
            if (!expected.equals(sealed)) {
                problem(subject, "does not match the seal the detector recorded when it read the message (record_sha256 "
                        + sealed + "); so recorded at export");
            }
        }
        return checked;
    }

    /** campaign.json against the manifest, and the records against the campaign's sealed evidence set. */
    private void checkCampaign(JsonNode manifest, byte[] campaignBytes, byte[] messageBytes) {
        if (campaignBytes == null) {
            return; // missing or altered: already reported
        }
        JsonNode campaign;
        try {
            campaign = CanonicalJson.parse(campaignBytes);
        } catch (IllegalArgumentException e) {
            problem(PackageFiles.CAMPAIGN, "is " + e.getMessage() + " although its hash matches the manifest");
            return;
        }
        JsonNode expected = manifest.path("campaign");
        compare("campaign_id", campaign.path("campaign_id"), expected.path("campaign_id"));
        compare("version", campaign.path("version"), expected.path("version"));
        compare("detector", campaign.path("detector"), manifest.path("detector"));
        if (messageBytes == null) {
            return;
        }
        Map<String, String> hashes = new HashMap<>();
        for (byte[] line : lines(messageBytes)) {
            try {
                hashes.put(CanonicalJson.parse(line).path("message_id").asText(), Hashing.sha256Hex(line));
            } catch (IllegalArgumentException e) {
                problem(PackageFiles.MESSAGES, "holds a line that is " + e.getMessage());
                return;
            }
        }
        EvidenceSetCheck set = EvidenceSetCheck.of(campaign, hashes);
        switch (set.status()) {
            case MISMATCH -> problem(PackageFiles.MESSAGES, set.status().meaning() + ": over " + set.exported()
                    + " records the evidence manifest hashes to " + set.recomputedSha256() + ", campaign.json says "
                    + set.campaignManifestSha256() + " for " + set.campaignCount());
            case INCOMPLETE -> notes.add("the package holds " + set.exported() + " of the " + set.campaignCount()
                    + " evidence messages the campaign counts (" + set.status().meaning() + ")");
            case NOT_CHECKED -> notes.add(set.status().meaning());
            case MATCH -> notes.add(set.status().meaning() + " (" + set.exported() + " records)");
        }
    }

    private void compare(String what, JsonNode inCampaign, JsonNode inManifest) {
        if (!inCampaign.equals(inManifest)) {
            problem(PackageFiles.CAMPAIGN, "disagrees with manifest.json on " + what + ": " + inCampaign + " vs "
                    + inManifest);
        }
    }

    /** Lines of a newline-terminated file, without their newlines. */
    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length)); // a last line without newline
        }
        return lines;
    }

    private void problem(String subject, String detail) {
        problems.add(new Verification.Problem(subject, detail));
    }

    private Verification result(String manifestSha256, JsonNode manifest, int files, int records) {
        String id = manifest == null ? null : manifest.path("campaign").path("campaign_id").asText(null);
        String version = manifest == null ? null : manifest.path("campaign").path("version").asText(null);
        String exportedAt = manifest == null ? null : manifest.path("exported_at").asText(null);
        return new Verification(directory, manifestSha256, id, version, exportedAt, files, records, problems, notes);
    }
}
