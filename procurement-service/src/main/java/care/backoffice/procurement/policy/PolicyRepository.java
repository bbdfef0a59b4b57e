package care.backoffice.procurement.policy;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PolicyRepository {

    private final JdbcClient jdbc;

    public PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TeamPolicy> find(String team) {
        return jdbc.sql("select * from team_policy where team = ?").param(team).query(PolicyRepository::map).optional();
    }

    /**
     * Locks the team's policy row for the rest of the transaction. Orders take this lock before checking the
     * budget, so two orders of one team are checked one after the other and can never overspend together.
     */
    public Optional<TeamPolicy> lock(String team) {
        return jdbc.sql("select * from team_policy where team = ? for update").param(team)
                .query(PolicyRepository::map).optional();
    }

    /** Writes the new policy and its history entry in one statement pair; versions count up per team. */
    public TeamPolicy save(String team, PolicyRules.Checked c, String who) {
        UUID[] approved = c.approvedSupplierIds().toArray(UUID[]::new);
        OffsetDateTime now = OffsetDateTime.now();
        TeamPolicy saved = jdbc.sql("""
                insert into team_policy (team, yearly_budget, split_by_month, advice_threshold, per_order_cap,
                    approved_supplier_ids, version, changed_by, changed_at)
                values (:team, :budget, :split, :threshold, :cap, :approved, 1, :who, :now)
                on conflict (team) do update set yearly_budget = excluded.yearly_budget,
                    split_by_month = excluded.split_by_month, advice_threshold = excluded.advice_threshold,
                    per_order_cap = excluded.per_order_cap, approved_supplier_ids = excluded.approved_supplier_ids,
                    version = team_policy.version + 1, changed_by = excluded.changed_by,
                    changed_at = excluded.changed_at
                returning *""")
                .param("team", team).param("budget", c.yearlyBudget()).param("split", c.splitByMonth())
                .param("threshold", c.adviceThreshold()).param("cap", c.perOrderCap())
                .param("approved", approved).param("who", who).param("now", now)
                .query(PolicyRepository::map).single();
        jdbc.sql("""
                insert into team_policy_change (team, version, yearly_budget, split_by_month, advice_threshold,
                    per_order_cap, approved_supplier_ids, changed_by, changed_at)
                select team, version, yearly_budget, split_by_month, advice_threshold, per_order_cap,
                    approved_supplier_ids, changed_by, changed_at from team_policy where team = ?""")
                .param(team).update();
        return saved;
    }

    public List<TeamPolicy> history(String team) {
        return jdbc.sql("select * from team_policy_change where team = ? order by version desc").param(team)
                .query(PolicyRepository::map).list();
    }

    public List<TeamPolicy> all() {
        return jdbc.sql("select * from team_policy order by team").query(PolicyRepository::map).list();
    }

    static TeamPolicy map(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("approved_supplier_ids");
        List<UUID> approved = array == null ? List.of() : Arrays.stream((Object[]) array.getArray())
                .map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
        return new TeamPolicy(rs.getString("team"), rs.getBigDecimal("yearly_budget"), rs.getBoolean("split_by_month"),
                rs.getBigDecimal("advice_threshold"), rs.getBigDecimal("per_order_cap"), approved,
                rs.getInt("version"), rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class));
    }
}
