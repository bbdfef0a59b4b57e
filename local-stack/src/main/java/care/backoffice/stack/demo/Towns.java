package care.backoffice.stack.demo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the teams of a large organisation work, and who pays for their clients' care there: the town's council
 * (social care packages) and the NHS integrated care board of its area (continuing healthcare). 30 towns give
 * 30 councils and 19 ICBs; with the self-funders' account that is 50 funders.
 */
final class Towns {

    record Town(String code, String name, String postcode, String council, String icb) {}

    static final List<Town> ALL = List.of(
            new Town("leeds", "Leeds", "LS1 1UR", "Leeds City Council", "NHS West Yorkshire ICB"),
            new Town("bradford", "Bradford", "BD1 1HY", "City of Bradford Metropolitan District Council", "NHS West Yorkshire ICB"),
            new Town("wakefield", "Wakefield", "WF1 2EB", "Wakefield Council", "NHS West Yorkshire ICB"),
            new Town("huddersfield", "Huddersfield", "HD1 2TA", "Kirklees Council", "NHS West Yorkshire ICB"),
            new Town("york", "York", "YO1 6GA", "City of York Council", "NHS Humber and North Yorkshire ICB"),
            new Town("hull", "Hull", "HU1 2AA", "Hull City Council", "NHS Humber and North Yorkshire ICB"),
            new Town("sheffield", "Sheffield", "S1 2HH", "Sheffield City Council", "NHS South Yorkshire ICB"),
            new Town("doncaster", "Doncaster", "DN1 3BU", "City of Doncaster Council", "NHS South Yorkshire ICB"),
            new Town("manchester", "Manchester", "M60 2LA", "Manchester City Council", "NHS Greater Manchester ICB"),
            new Town("salford", "Salford", "M27 5AW", "Salford City Council", "NHS Greater Manchester ICB"),
            new Town("stockport", "Stockport", "SK1 3XE", "Stockport Council", "NHS Greater Manchester ICB"),
            new Town("liverpool", "Liverpool", "L2 2DH", "Liverpool City Council", "NHS Cheshire and Merseyside ICB"),
            new Town("wirral", "Birkenhead", "CH41 5AL", "Wirral Council", "NHS Cheshire and Merseyside ICB"),
            new Town("preston", "Preston", "PR1 8XJ", "Lancashire County Council", "NHS Lancashire and South Cumbria ICB"),
            new Town("newcastle", "Newcastle upon Tyne", "NE1 8QH", "Newcastle City Council", "NHS North East and North Cumbria ICB"),
            new Town("sunderland", "Sunderland", "SR1 3AA", "Sunderland City Council", "NHS North East and North Cumbria ICB"),
            new Town("durham", "Durham", "DH1 5UQ", "Durham County Council", "NHS North East and North Cumbria ICB"),
            new Town("birmingham", "Birmingham", "B1 1BB", "Birmingham City Council", "NHS Birmingham and Solihull ICB"),
            new Town("coventry", "Coventry", "CV1 2GN", "Coventry City Council", "NHS Coventry and Warwickshire ICB"),
            new Town("nottingham", "Nottingham", "NG2 3NG", "Nottingham City Council", "NHS Nottingham and Nottinghamshire ICB"),
            new Town("leicester", "Leicester", "LE1 1FZ", "Leicester City Council", "NHS Leicester, Leicestershire and Rutland ICB"),
            new Town("derby", "Derby", "DE1 2FS", "Derby City Council", "NHS Derby and Derbyshire ICB"),
            new Town("bristol", "Bristol", "BS1 5TR", "Bristol City Council", "NHS Bristol, North Somerset and South Gloucestershire ICB"),
            new Town("plymouth", "Plymouth", "PL1 2AA", "Plymouth City Council", "NHS Devon ICB"),
            new Town("exeter", "Exeter", "EX2 4QD", "Devon County Council", "NHS Devon ICB"),
            new Town("norwich", "Norwich", "NR1 2DH", "Norfolk County Council", "NHS Norfolk and Waveney ICB"),
            new Town("brighton", "Brighton", "BN3 3BQ", "Brighton and Hove City Council", "NHS Sussex ICB"),
            new Town("southampton", "Southampton", "SO14 7LY", "Southampton City Council", "NHS Hampshire and Isle of Wight ICB"),
            new Town("camden", "London", "N1C 4AG", "London Borough of Camden", "NHS North Central London ICB"),
            new Town("hackney", "London", "E8 1EA", "London Borough of Hackney", "NHS North East London ICB"));

    /** The ICBs in the order they first appear. */
    static List<String> icbs() {
        Set<String> out = new LinkedHashSet<>();
        ALL.forEach(t -> out.add(t.icb()));
        return List.copyOf(out);
    }

    /**
     * A GLN (GS1 company prefix 5000000, the same placeholder range as the small demo's ICB) with a valid GS1
     * check digit: billing validates PEPPOL invoices with phive and rejects a participant id that fails it.
     */
    static String gln(int n) {
        String body = String.format("500000%06d", 10 + n);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = body.charAt(11 - i) - '0';
            sum += (i % 2 == 0) ? d * 3 : d;
        }
        return body + ((10 - sum % 10) % 10);
    }

    private Towns() {
    }
}
