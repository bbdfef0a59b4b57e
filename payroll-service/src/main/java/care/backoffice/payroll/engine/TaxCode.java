package care.backoffice.payroll.engine;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed PAYE tax code. Accepted forms (reference §1.2): an optional regime prefix S (Scotland) or C (Wales);
 * then {@code nnnnL|M|N|T} (0–999999, e.g. 1257L, 0T), {@code Knnnn} (K1–K9999), a fixed-rate code of the
 * regime (BR, D0, D1; Scotland also D2, D3 — so SBR, SD0–SD3), or NT; optionally followed by a non-cumulative
 * marker W1, M1, W1/M1 or X. Anything else is refused rather than guessed at.
 *
 * @param fixedRate the rate of BR/D codes, else null
 * @param number    the code number of allowance and K codes (0 for 0T)
 */
public record TaxCode(String text, TaxRegime regime, Kind kind, int number, BigDecimal fixedRate,
        boolean nonCumulativeMarker) {

    public enum Kind {
        /** Numeric code with suffix L, M, N or T: free pay from the number. */
        ALLOWANCE,
        /** K code: additional pay from the number, under the 50% overriding limit. */
        K,
        /** BR, D0, D1 … : every pound at one rate. */
        FIXED_RATE,
        /** NT: no tax (and cumulative refund of tax paid to date). */
        NO_TAX
    }

    /** "1257L W1", "1257LM1", "BR W1/M1", "1257L X": the code, then the non-cumulative marker. */
    private static final Pattern NON_CUMULATIVE_MARKER = Pattern.compile("(\\S+?)\\s*(?:W1/M1|W1|M1|\\sX)");
    private static final int MAX_ALLOWANCE = 999_999;
    private static final int MAX_K = 9_999;

    /** Parses {@code text} for the given year's regimes; throws naming {@code field} if it is not a valid code. */
    public static TaxCode parse(String text, TaxYearParameters.IncomeTax params, String field) {
        if (text == null || text.isBlank()) {
            throw EngineInputException.of(field, "is required");
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        boolean nonCumulative = false;
        var marker = NON_CUMULATIVE_MARKER.matcher(s);
        if (marker.matches()) {
            s = marker.group(1);
            nonCumulative = true;
        }
        TaxRegime regime = TaxRegime.RUK;
        String body = s;
        if (s.length() > 1 && s.charAt(0) == 'S') {
            regime = TaxRegime.SCOTLAND;
            body = s.substring(1);
        } else if (s.length() > 1 && s.charAt(0) == 'C') {
            regime = TaxRegime.WALES;
            body = s.substring(1);
        }
        TaxYearParameters.Regime r = params.regimes().get(regime);
        if (body.equals("NT")) {
            return new TaxCode(s, regime, Kind.NO_TAX, 0, null, nonCumulative);
        }
        BigDecimal fixed = r.fixedRateCodes().get(body);
        if (fixed != null) {
            return new TaxCode(s, regime, Kind.FIXED_RATE, 0, fixed, nonCumulative);
        }
        if (body.length() >= 2 && body.charAt(0) == 'K') {
            int n = digits(body, 1, body.length());
            if (n >= 1 && n <= MAX_K) {
                return new TaxCode(s, regime, Kind.K, n, null, nonCumulative);
            }
        } else if (body.length() >= 2 && "LMNT".indexOf(body.charAt(body.length() - 1)) >= 0) {
            int n = digits(body, 0, body.length() - 1);
            char suffix = body.charAt(body.length() - 1);
            // 0 is only issued as 0T; 0L, 0M, 0N do not exist.
            if (n >= 0 && n <= MAX_ALLOWANCE && (n > 0 || suffix == 'T')) {
                return new TaxCode(s, regime, Kind.ALLOWANCE, n, null, nonCumulative);
            }
        }
        throw EngineInputException.of(field, "is not a valid " + regimeName(regime) + " tax code for "
                + "this tax year (e.g. 1257L, K475, BR, D0, NT, 0T; S or C prefix; W1, M1 or X for non-cumulative)");
    }

    /** The number in s[from, to) if it is 1–7 plain digits without a leading zero (except "0"), else -1. */
    private static int digits(String s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 7 || (len > 1 && s.charAt(from) == '0')) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String regimeName(TaxRegime r) {
        return switch (r) {
            case RUK -> "UK";
            case WALES -> "Welsh";
            case SCOTLAND -> "Scottish";
        };
    }

    /** A small cache of parsed codes per parameter set: payroll runs see the same few codes again and again. */
    static final class Cache {
        private final TaxYearParameters.IncomeTax params;
        private final java.util.concurrent.ConcurrentHashMap<String, TaxCode> codes = new java.util.concurrent.ConcurrentHashMap<>();

        Cache(TaxYearParameters.IncomeTax params) {
            this.params = params;
        }

        TaxCode get(String text, String field) {
            if (text == null) {
                return parse(null, params, field);
            }
            TaxCode c = codes.get(text);
            if (c == null) {
                c = parse(text, params, field);
                if (codes.size() < 10_000) {
                    codes.put(text, c);
                }
            }
            return c;
        }
    }

}
