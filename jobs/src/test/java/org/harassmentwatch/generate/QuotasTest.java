package org.harassmentwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotasTest {

    @Test
    void everyRunOfConsecutiveCampaignsGetsTheAskedShare() {
        for (long seed = 0; seed < 50; seed++) {
            Quotas quotas = new Quotas(seed);
            for (Quotas.Variant variant : Quotas.Variant.values()) {
                for (double share : new double[] {0.2, 0.35, 0.4, 0.5}) {
                    for (int length : new int[] {12, 40, 125}) {
                        for (int from = 1; from <= 20; from++) {
                            int picked = 0;
                            for (int n = from; n < from + length; n++) {
                                picked += quotas.pick(variant, n, share) ? 1 : 0;
                            }
                            assertThat(Math.abs(picked - share * length))
                                    .as("seed %d %s share %s, %d from %d", seed, variant, share, length, from)
                                    .isLessThanOrEqualTo(length <= 40 ? 2.0 : 3.0);
                            assertThat(picked).isPositive();
                        }
                    }
                }
            }
        }
    }

    @Test
    void seedsShiftTheChoices() {
        Quotas a = new Quotas(1);
        Quotas b = new Quotas(2);
        int differ = 0;
        for (int n = 1; n <= 100; n++) {
            differ += a.pick(Quotas.Variant.SLOW, n, 0.5) != b.pick(Quotas.Variant.SLOW, n, 0.5) ? 1 : 0;
        }
        assertThat(differ).isGreaterThan(10);
    }
}
