package org.harassmentwatch.campaign;

import org.harassmentwatch.detect.Hashing;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestDigestTest {

    @Test
    void digestOfChunkedLinesEqualsTheDigestOfTheWholeManifestText() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int lines : new int[] {0, 1, 2, 95, 96, 97, 1_000, 5_000}) {
            ManifestDigest digest = new ManifestDigest();
            StringBuilder whole = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                // Non-ASCII ids too: the digest is over UTF-8 bytes, chunk borders must not matter.
                String id = (i % 7 == 0 ? "ü€😀-" : "m-") + Long.toHexString(rng.nextLong());
                String sha = Hashing.sha256Hex(id);
                digest.line(id, sha);
                whole.append(id).append(' ').append(sha).append('\n');
            }
            assertThat(digest.sha256Hex()).as("%d lines", lines).isEqualTo(Hashing.sha256Hex(whole.toString()));
        }
    }
}
