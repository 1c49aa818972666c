package org.harassmentwatch.alert;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.harassmentwatch.campaign.CampaignUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.harassmentwatch.alert.TestCampaigns.DAY;
import static org.harassmentwatch.alert.TestCampaigns.MINUTE;
import static org.harassmentwatch.alert.TestCampaigns.T0;
import static org.harassmentwatch.alert.TestCampaigns.created;
import static org.harassmentwatch.alert.TestCampaigns.update;
import static org.harassmentwatch.alert.TestCampaigns.withStatus;

class AlertFunctionTest {

    private static final Duration SUPPRESSION = Duration.ofMinutes(15);
    private static final Duration RETENTION = Duration.ofDays(31);

    private KeyedOneInputStreamOperatorTestHarness<String, CampaignUpdate, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertFunction(SUPPRESSION, RETENTION)),
                (KeySelector<CampaignUpdate, String>) u -> u.campaign().campaignId(), Types.STRING);
        harness.open();
        harness.setProcessingTime(1_000);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(CampaignUpdate u) throws Exception {
        harness.processElement(u, u.campaign().updatedAt());
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void firstPublishedVersionRaisesOneCreatedAlertWithTheCampaignsFacts() throws Exception {
        harness.setProcessingTime(77_000);
        send(created("hwc-a", "medium", 45, 8, T0));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.alertId()).isEqualTo("hwc-a:1");
            assertThat(a.alertType()).isEqualTo(Alert.CREATED);
            assertThat(a.campaignVersion()).isEqualTo(1);
            assertThat(a.severityTier()).isEqualTo("medium");
            assertThat(a.severityScore()).isEqualTo(45);
            assertThat(a.senderCount()).isEqualTo(8);
            assertThat(a.messageCount()).isEqualTo(16);
            assertThat(a.targets()).containsExactly("victim");
            assertThat(a.kinds()).containsExactly("pile_on");
            assertThat(a.reason()).isEqualTo("new pile_on campaign: 8 senders against 1 target, 16 messages; severity medium (45/100)");
            assertThat(a.explanation()).isEqualTo("Pile-on: 8 accounts abused victim.");
            assertThat(a.createdAt()).isEqualTo(T0);
            assertThat(a.emittedAt()).isEqualTo(77_000);
            assertThat(a.kibanaQuery()).isEqualTo("campaign_id:\"hwc-a\"");
        });
    }

    @Test
    void tierRiseRaisesAnEscalationAtOnceEvenWithinTheSuppressionPeriod() throws Exception {
        send(created("hwc-a", "medium", 45, 8, T0));
        send(update("hwc-a", 2, "medium", 48, 9, T0 + MINUTE, "medium", 8));
        send(update("hwc-a", 3, "high", 62, 10, T0 + 2 * MINUTE, "medium", 9));

        assertThat(alerts()).extracting(Alert::alertId, Alert::alertType, Alert::campaignVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hwc-a:1", "created", 1L),
                        org.assertj.core.groups.Tuple.tuple("hwc-a:2", "escalated", 3L));
        assertThat(alerts().get(1).reason()).isEqualTo("severity rose from medium to high (62/100)");
    }

    @Test
    void doubledSenderCountAfterTheSuppressionPeriodRaisesAnEscalation() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        send(update("hwc-a", 2, "high", 61, 15, T0 + 20 * MINUTE, "high", 8));
        send(update("hwc-a", 3, "high", 63, 16, T0 + 21 * MINUTE, "high", 15));

        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1)).satisfies(a -> {
            assertThat(a.alertId()).isEqualTo("hwc-a:2");
            assertThat(a.campaignVersion()).isEqualTo(3);
            assertThat(a.senderCount()).isEqualTo(16);
            assertThat(a.reason()).isEqualTo("senders at least doubled since the last alert: 8 -> 16");
        });
    }

    @Test
    void growthIsMeasuredAgainstTheLastAlertNotThePreviousUpdate() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        for (int senders = 9; senders <= 15; senders++) {
            send(update("hwc-a", senders - 7, "high", 60, senders, T0 + senders * DAY, "high", senders - 1));
        }
        assertThat(alerts()).hasSize(1); // each step is small; 15 < 2 x 8

        send(update("hwc-a", 9, "high", 60, 16, T0 + 16 * DAY, "high", 15));
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void repeatedEscalationsWithinTheSuppressionPeriodCollapseIntoOneAlertWhenItEnds() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        send(update("hwc-a", 2, "high", 61, 16, T0 + 5 * MINUTE, "high", 8));
        send(update("hwc-a", 3, "high", 62, 20, T0 + 10 * MINUTE, "high", 16));
        harness.processWatermark(T0 + 14 * MINUTE);
        assertThat(alerts()).hasSize(1);

        harness.setProcessingTime(5_000);
        harness.processWatermark(T0 + 15 * MINUTE);

        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1)).satisfies(a -> {
            assertThat(a.alertId()).isEqualTo("hwc-a:2");
            assertThat(a.campaignVersion()).isEqualTo(3); // the latest update, not the first repeat
            assertThat(a.senderCount()).isEqualTo(20);
            assertThat(a.createdAt()).isEqualTo(T0 + 10 * MINUTE);
            assertThat(a.emittedAt()).isEqualTo(5_000);
            assertThat(a.reason()).isEqualTo("senders at least doubled since the last alert: 8 -> 20"
                    + " (held back by the 15 min suppression period after the last alert)");
        });
        harness.processWatermark(T0 + DAY);
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void heldEscalationIsDroppedWhenATierRiseSupersedesIt() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        send(update("hwc-a", 2, "high", 61, 16, T0 + 5 * MINUTE, "high", 8));
        send(update("hwc-a", 3, "critical", 85, 17, T0 + 6 * MINUTE, "high", 16));
        harness.processWatermark(T0 + DAY);

        assertThat(alerts()).extracting(Alert::alertType, Alert::campaignVersion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("created", 1L), org.assertj.core.groups.Tuple.tuple("escalated", 3L));
        assertThat(alerts().get(1).reason()).isEqualTo("severity rose from high to critical (85/100); "
                + "senders at least doubled since the last alert: 8 -> 17");
    }

    @Test
    void statusChangesAloneRaiseNoAlert() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        send(withStatus("hwc-a", 2, "high", 8, T0 + 8 * DAY, "dormant"));
        assertThat(alerts()).hasSize(1);
    }

    @Test
    void alertStateIsRemovedWhenTheCampaignIsMergedOrClosed() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        send(created("hwc-b", "high", 60, 8, T0));
        send(update("hwc-b", 2, "high", 60, 16, T0 + MINUTE, "high", 8)); // held: a timer is pending
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        send(withStatus("hwc-a", 2, "high", 8, T0 + 2 * MINUTE, "merged"));
        send(withStatus("hwc-b", 3, "high", 16, T0 + 2 * MINUTE, "closed"));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processWatermark(T0 + DAY);
        assertThat(alerts()).hasSize(2); // the held escalation of a closed campaign is not sent
    }

    @Test
    void alertStateExpiresAfterTheRetentionWithoutUpdates() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        send(update("hwc-a", 2, "high", 60, 9, T0 + DAY, "high", 8));
        harness.processWatermark(T0 + DAY + RETENTION.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(T0 + DAY + RETENTION.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void afterLostStateTheLastPublishedVersionIsTheBaseline() throws Exception {
        // e.g. a job restored without the alert operator's state: no created alert, and no alert for no change
        send(update("hwc-a", 5, "high", 60, 10, T0, "high", 10));
        assertThat(alerts()).isEmpty();

        send(update("hwc-a", 6, "critical", 81, 11, T0 + MINUTE, "high", 10));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.alertId()).isEqualTo("hwc-a:1");
            assertThat(a.reason()).isEqualTo("severity rose from high to critical (81/100)");
        });
    }

    @Test
    void campaignsAreAlertedIndependently() throws Exception {
        send(created("hwc-a", "high", 60, 8, T0));
        send(created("hwc-b", "low", 30, 2, T0));
        send(update("hwc-b", 2, "low", 30, 4, T0 + DAY, "low", 2));

        assertThat(alerts()).extracting(Alert::alertId).containsExactly("hwc-a:1", "hwc-b:1", "hwc-b:2");
    }
}
