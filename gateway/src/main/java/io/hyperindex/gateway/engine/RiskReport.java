package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One account's risk day (UTC), read from the journal. Money in cash units (10^-8 USDC); P&amp;L
 * and exposure are valued at last-trade prices.
 *
 * @param pnl               P&amp;L over the day: realized, minus fees, plus the change in unrealized
 * @param fees              fees paid minus rebates received during the day
 * @param peakGrossExposure highest gross exposure seen after any trade of the day
 * @param endGrossExposure  gross exposure at the end of the day
 * @param trades            the account's fills
 * @param breaches          limits that reached 100% (with the time), protections that fired
 * @param rejections        risk refusals by reason code
 */
public record RiskReport(String account, LocalDate day, long pnl, long fees, long peakGrossExposure,
                         long endGrossExposure, long trades, List<String> breaches, Map<String, Long> rejections) {

    public String toCsv() {
        return "account,day,pnl_usdc,fees_usdc,peak_gross_exposure_usdc,end_gross_exposure_usdc,trades,breaches,risk_rejections\n"
                + String.join(",", account, day.toString(), Money.format(pnl), Money.format(fees),
                Money.format(peakGrossExposure), Money.format(endGrossExposure), Long.toString(trades),
                String.join(" ", breaches), rejections.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((a, b) -> a + " " + b).orElse("")) + "\n";
    }
}
