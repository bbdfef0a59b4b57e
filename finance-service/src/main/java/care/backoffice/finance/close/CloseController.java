package care.backoffice.finance.close;

import care.backoffice.support.problem.ApiException;
import care.backoffice.support.problem.InvalidRequestException;
import care.backoffice.support.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/close")
@Tag(name = "Month-end close")
@PreAuthorize("hasRole('finance')")
public class CloseController {

    private final MonthEndClose close;
    private final MonthEndWork work;

    public CloseController(MonthEndClose close, MonthEndWork work) {
        this.close = close;
        this.work = work;
    }

    @PostMapping("/{month}")
    @Operation(summary = "Run the month-end close (Spring Batch job month-end-close) in the background",
            description = "Checks every expected source has posted (finance.close.expected-sources), rebuilds the "
                    + "month's balances, stores the statement pack (PDF + XLSX), soft-closes the month. 202 when "
                    + "a run starts (or restarts a failed one from the failed step); 200 when it is already running "
                    + "or done. Poll GET for progress.")
    public ResponseEntity<MonthEndClose.Progress> start(@PathVariable String month) {
        YearMonth m = parse(month);
        Map.Entry<Boolean, MonthEndClose.Progress> started = close.start(m, CurrentUser.get().name());
        if (started.getKey()) {
            return ResponseEntity.accepted().location(URI.create("/api/finance/close/" + m)).body(started.getValue());
        }
        return ResponseEntity.ok(started.getValue());
    }

    @GetMapping("/{month}")
    @Operation(summary = "Progress of the month's close: status, steps done of total, failure reason")
    public MonthEndClose.Progress progress(@PathVariable String month) {
        return close.progress(parse(month));
    }

    @GetMapping("/{month}/pack")
    @Operation(summary = "The statement pack stored by the close, as pdf or xlsx")
    public ResponseEntity<byte[]> pack(@PathVariable String month, @RequestParam(defaultValue = "pdf") String format) {
        YearMonth m = parse(month);
        if (!format.equals("pdf") && !format.equals("xlsx")) {
            throw InvalidRequestException.of("format", "must be pdf or xlsx");
        }
        byte[] content = work.pack(m, format)
                .orElseThrow(() -> ApiException.notFound("Statement pack for " + m + " (run the close first)"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement-pack-" + m + "." + format + "\"")
                .contentType(MediaType.parseMediaType(format.equals("pdf") ? "application/pdf"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(content);
    }

    private static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of("month", "is not a month in the form yyyy-MM: " + month);
        }
    }
}
