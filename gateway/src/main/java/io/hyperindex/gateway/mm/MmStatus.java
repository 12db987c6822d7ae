package io.hyperindex.gateway.mm;

import java.util.List;
import java.util.Map;

/**
 * What the market maker reports for one symbol (the gRPC admin status, the mm_* metrics):
 * prices in the instrument's price units as decimals, sigma in price units per sqrt(s),
 * k per bp of depth, money in USDC.
 *
 * @param state           what it is doing
 * @param reason          why it is not quoting (kill or pause reason), or ""
 * @param sigma           volatility used by the quotes, price units per sqrt(s)
 * @param sigmaEwma       EWMA estimate
 * @param sigmaBipower    bipower-variation estimate
 * @param jumpRatio       share of realized variance not explained by bipower variation
 * @param a               intensity A, fills per second at depth 0
 * @param kPerBp          intensity decay k, per bp
 * @param fitted          true once A and k come from a fit rather than the priors
 * @param fair            fair price (microprice of the book without its own orders, else the last trade)
 * @param bids            own bid ladder, best first: [price, size]
 * @param asks            own ask ladder, best first
 * @param spreadBps       own best ask minus best bid, bp of fair (NaN when not two-sided)
 * @param halfSpreadBps   model half-spread after fee, floors and widening
 * @param position        position in base units
 * @param inventoryLots   position in level-0 lots (the model's q)
 * @param dailyPnlUsd     P&L since 00:00 UTC (or since start), marked at fair
 * @param totalPnlUsd     P&L since the market maker started
 * @param tradesSeen      trades on the book seen (the warm-up count)
 * @param fills           own fills
 * @param adverseSelection1sBps  mean move of the fair price against own fills 1 s after them, bp (positive = adverse; the spread earned is not in it)
 * @param adverseSelection10sBps the same at 10 s
 * @param params          the knobs in force
 */
public record MmStatus(String symbol, MmState state, String reason, double sigma, double sigmaEwma, double sigmaBipower,
                       double jumpRatio, double a, double kPerBp, boolean fitted, double fair,
                       List<double[]> bids, List<double[]> asks, double spreadBps, double halfSpreadBps,
                       double position, double inventoryLots, double dailyPnlUsd, double totalPnlUsd, long tradesSeen,
                       long fills, double adverseSelection1sBps, double adverseSelection10sBps,
                       Map<String, String> params) {
}
