package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * One account's economics for a period of UTC days [{@code from}, {@code to}] inclusive.
 * Money in cash units (10^-8 USDC), tokens in 10^-8 token units.
 *
 * @param fees           fees paid (positive)
 * @param rebates        maker rebates received (positive)
 * @param net            rebates minus fees
 * @param tierAtStart    the tier in force when the period began
 * @param tierChanges    tier changes during the period, e.g. "2026-11-03 base->tier1"
 * @param tokensAccrued  tokens earned by the period's volume at the plan's rate
 * @param tokensGranted  tokens granted in the period (months that closed in it)
 */
public record Statement(String account, LocalDate from, LocalDate to, long makerVolume, long takerVolume, long trades,
                        long fees, long rebates, long net, String tierAtStart, List<String> tierChanges,
                        long tokensAccrued, long tokensGranted) {

    /** CSV header and one row; amounts as decimals. */
    public String toCsv() {
        return "account,from,to,maker_volume_usdc,taker_volume_usdc,trades,fees_usdc,rebates_usdc,net_usdc,tier_at_start,tier_changes,tokens_accrued,tokens_granted\n"
                + String.join(",", account, from.toString(), to.toString(), Money.format(makerVolume),
                Money.format(takerVolume), Long.toString(trades), Money.format(fees), Money.format(rebates),
                Money.format(net), tierAtStart, String.join(" ", tierChanges), IncentivePlan.format(tokensAccrued),
                IncentivePlan.format(tokensGranted)) + "\n";
    }
}
