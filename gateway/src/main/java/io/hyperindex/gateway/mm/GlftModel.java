package io.hyperindex.gateway.mm;

/**
 * The Guéant–Lehalle–Fernandez-Tapia closed-form asymptotic quotes for an order size
 * {@code delta} and {@code xi = gamma}, in whatever consistent units the caller uses (the
 * market maker uses basis points of the fair price and lots of its level-0 size; the
 * simulator uses the paper's price units):
 * <pre>
 *   c1 = (1/(xi delta)) ln(1 + xi delta / k)
 *   c2 = sqrt( gamma / (2 A delta k) * (1 + xi delta / k)^(k/(xi delta) + 1) )
 *   half-spread = c1 + (delta/2) sigma c2        skew = sigma c2 (per unit of inventory)
 *   bid depth = half-spread + skew q             ask depth = half-spread - skew q
 * </pre>
 */
public final class GlftModel {
    private GlftModel() {
    }

    /** c1 = (1/(xi delta)) ln(1 + xi delta / k). */
    public static double c1(double xi, double delta, double k) {
        double x = xi * delta;
        return Math.log1p(x / k) / x;
    }

    /** c2 = sqrt( gamma / (2 A delta k) (1 + xi delta / k)^(k/(xi delta) + 1) ). */
    public static double c2(double gamma, double xi, double delta, double a, double k) {
        double x = xi * delta;
        return Math.sqrt(gamma / (2 * a * delta * k) * Math.pow(1 + x / k, k / x + 1));
    }

    /** The half-spread c1 + (delta/2) sigma c2. */
    public static double halfSpread(double c1, double c2, double sigma, double delta) {
        return c1 + delta / 2 * sigma * c2;
    }

    /** The GLFT quote with xi = gamma for inventory {@code q} (in units of {@code delta}'s size, as the caller counts it). */
    public static Quote quote(double a, double k, double sigma, double gamma, double delta, double q) {
        if (!(a > 0 && k > 0 && gamma > 0 && delta > 0 && sigma >= 0)) {
            throw new IllegalArgumentException("A, k, gamma and delta must be positive and sigma not negative");
        }
        double c1 = c1(gamma, delta, k);
        double c2 = c2(gamma, gamma, delta, a, k);
        double half = halfSpread(c1, c2, sigma, delta);
        double skew = sigma * c2;
        return new Quote(c1, c2, half, skew, half + skew * q, half - skew * q);
    }

    /**
     * One evaluation of the model.
     *
     * @param bidDepth fair minus bid
     * @param askDepth ask minus fair
     */
    public record Quote(double c1, double c2, double halfSpread, double skew, double bidDepth, double askDepth) {
    }
}
