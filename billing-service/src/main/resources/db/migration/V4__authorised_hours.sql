-- Minutes of a visit beyond the client's authorised hours for its week (Monday to Sunday), flagged on the
-- run report; when the contract does not charge beyond the package, billable_minutes excludes them.
alter table run_item add column minutes_beyond_authorised integer not null default 0;
