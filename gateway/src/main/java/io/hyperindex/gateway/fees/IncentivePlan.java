package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.Money;

import java.math.BigInteger;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The venue-token incentive programme: tokens accrue on a partner's notional volume in each
 * calendar month (UTC) and are granted when the month closes; each grant vests after a cliff,
 * then linearly. Tokens are counted in units of 10^-8 token, like cash.
 *
 * @param tokensPerMillion tokens per $1,000,000 of volume (venue default 1,000)
 * @param cliffMonths      months after the grant before anything vests (default 6)
 * @param vestingMonths    months of linear vesting after the cliff (default 18)
 */
public record IncentivePlan(long tokensPerMillion, int cliffMonths, int vestingMonths) {
    public static final long TOKEN_UNITS = 100_000_000L;

    public IncentivePlan {
        if (tokensPerMillion < 0 || cliffMonths < 0 || vestingMonths < 0) {
            throw new IllegalArgumentException("incentive plan values must not be negative");
        }
    }

    public static IncentivePlan venueDefault() {
        return new IncentivePlan(1_000, 6, 18);
    }

    /**
     * Token units earned by {@code volume} cash units: floor(volume x rate / $1M), exact.
     * (Cash and tokens share the 10^-8 scale, so units = volume x tokensPerMillion / 10^6.)
     */
    public long tokensFor(long volume) {
        BigInteger t = BigInteger.valueOf(volume).multiply(BigInteger.valueOf(tokensPerMillion))
                .divide(BigInteger.valueOf(1_000_000L));
        return t.longValueExact();
    }

    /** Grant instant for a month's accrual: the first instant of the next month, UTC, in epoch nanoseconds. */
    public static long grantTime(YearMonth month) {
        return nanos(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** Vested part of a grant of {@code tokens} made for {@code month}, as of {@code at} (epoch nanos). */
    public long vested(long tokens, YearMonth month, long at) {
        YearMonth grant = month.plusMonths(1);
        long cliff = nanos(grant.plusMonths(cliffMonths).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        long end = nanos(grant.plusMonths(cliffMonths + (long) vestingMonths).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        if (at < cliff) {
            return 0;
        }
        if (at >= end || end == cliff) {
            return tokens;
        }
        return BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(at - cliff))
                .divide(BigInteger.valueOf(end - cliff)).longValueExact();
    }

    /** The UTC calendar month of an epoch-nanosecond timestamp. */
    public static YearMonth monthOf(long epochNanos) {
        return YearMonth.from(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)).atZone(ZoneOffset.UTC));
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Formats token units as a decimal string. */
    public static String format(long units) {
        return Money.format(units);
    }
}
