package care.backoffice.finance;

import care.backoffice.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Builds posting requests for tests, as another service would send them. */
public final class Ledger {

    public record Line(String account, String side, String amount, String team, String dimensions) {
        public static Line dr(String account, String amount, String team) {
            return new Line(account, "debit", amount, team, null);
        }

        public static Line cr(String account, String amount, String team) {
            return new Line(account, "credit", amount, team, null);
        }

        public Line with(String dimensionsJson) {
            return new Line(account, side, amount, team, dimensionsJson);
        }

        String json() {
            StringBuilder s = new StringBuilder("{\"account\":\"" + account + "\",\"" + side + "\":\"" + amount + "\"");
            if (team != null) {
                s.append(",\"team\":\"").append(team).append('"');
            }
            if (dimensions != null) {
                s.append(",\"dimensions\":").append(dimensions);
            }
            return s.append('}').toString();
        }
    }

    private Ledger() {}

    public static String journal(String date, String source, String docId, List<Line> lines) {
        return journal(date, "Test journal " + docId, source, docId, lines);
    }

    public static String journal(String date, String description, String source, String docId, List<Line> lines) {
        StringJoiner l = new StringJoiner(",", "[", "]");
        lines.forEach(x -> l.add(x.json()));
        return """
                {"date":"%s","description":"%s","source":"%s","sourceDocumentId":"%s","lines":%s}"""
                .formatted(date, description, source, docId, l);
    }

    public static ResultActions post(MockMvc mvc, String token, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/finance/journals").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    public static ResultActions postAsFinance(MockMvc mvc, String body) throws Exception {
        return post(mvc, TestTokens.finance(), body);
    }

    public static List<Line> simple(String debitAccount, String creditAccount, String amount, String team) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.dr(debitAccount, amount, team));
        lines.add(Line.cr(creditAccount, amount, team));
        return lines;
    }
}
