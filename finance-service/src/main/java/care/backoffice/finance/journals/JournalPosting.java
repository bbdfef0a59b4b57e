package care.backoffice.finance.journals;

import care.backoffice.finance.accounts.AccountRepository;
import care.backoffice.finance.balances.BalanceRepository;
import care.backoffice.finance.periods.PeriodRepository;
import care.backoffice.finance.periods.PeriodStatus;
import care.backoffice.support.problem.ApiException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts a journal in one transaction: header, lines and balances together, or nothing. The unique
 * (source, source document id) constraint is what makes concurrent duplicates safe: the second insert
 * waits for the first transaction and then finds the journal already there.
 */
@Service
public class JournalPosting {

    public record Outcome(PostedJournal journal, boolean created) {}

    private final JournalRepository journals;
    private final AccountRepository accounts;
    private final PeriodRepository periods;
    private final BalanceRepository balances;

    public JournalPosting(JournalRepository journals, AccountRepository accounts, PeriodRepository periods,
            BalanceRepository balances) {
        this.journals = journals;
        this.accounts = accounts;
        this.periods = periods;
        this.balances = balances;
    }

    @Transactional
    public Outcome post(NewJournal j, String postedBy) {
        return doPost(j, postedBy, null);
    }

    /** A reversal is itself a journal (source "reversal", document = the reversed journal), so it happens once. */
    @Transactional
    public Outcome reverse(UUID id, LocalDate date, String description, String postedBy) {
        PostedJournal original = journals.find(id).orElseThrow(() -> ApiException.notFound("Journal " + id));
        NewJournal reversal = new NewJournal(date == null ? original.date() : date,
                description == null || description.isBlank()
                        ? "Reversal of journal " + original.number() + ": " + original.description()
                        : description.strip(),
                "reversal", id.toString(), journals.reversedLines(id));
        return doPost(reversal, postedBy, id);
    }

    private Outcome doPost(NewJournal j, String postedBy, UUID reverses) {
        String fingerprint = PostingRules.fingerprint(j);
        Map<String, Boolean> open = accounts.openStatus(
                new TreeSet<>(j.lines().stream().map(NewJournal.NewLine::account).toList()));
        PeriodStatus period = periods.lockForPosting(j.month());
        List<PostingRules.Violation> violations = PostingRules.check(j, open, period);
        if (!violations.isEmpty()) {
            // A replay of a journal posted before its month was closed still gets its journal back.
            Optional<JournalRepository.Existing> existing = journals.findBySourceDocument(j.source(), j.sourceDocumentId());
            if (existing.isPresent()) {
                return replay(existing.get(), fingerprint, j);
            }
            PostingRules.throwIfAny(violations);
        }
        UUID id = UUID.randomUUID();
        Optional<JournalRepository.Inserted> inserted = journals.insertIfAbsent(id, j, fingerprint, reverses, postedBy);
        if (inserted.isEmpty()) {
            // Posted before, or by a concurrent request that has committed by now.
            return replay(journals.findBySourceDocument(j.source(), j.sourceDocumentId()).orElseThrow(), fingerprint, j);
        }
        journals.insertLines(id, j);
        balances.add(j.month(), j.lines());
        return new Outcome(PostedJournal.of(id, inserted.get().number(), j, reverses, postedBy,
                inserted.get().postedAt()), true);
    }

    private Outcome replay(JournalRepository.Existing existing, String fingerprint, NewJournal j) {
        if (!existing.fingerprint().equals(fingerprint)) {
            PostedJournal first = journals.find(existing.id()).orElseThrow();
            throw new ApiException(409, "Source document already posted with a different body",
                    "source " + j.source() + " document " + j.sourceDocumentId() + " was posted as journal "
                            + first.number() + " with different content; post a correction under a new document id",
                    Map.of("code", "DUPLICATE_SOURCE_DOCUMENT", "journalId", first.id().toString(),
                            "journalNumber", first.number()));
        }
        return new Outcome(journals.find(existing.id()).orElseThrow(), false);
    }
}
