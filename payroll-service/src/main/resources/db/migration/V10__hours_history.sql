-- Amending or voiding an entry keeps the history: the row in hours_entry always holds the current version,
-- and every version it replaced is copied here first, with who changed it, when and why.
-- (Version numbers are the ones billing-service sees: billing is idempotent on entry id + version.)
create table hours_entry_version (
    entry_id      uuid         not null references hours_entry (id),
    version       integer      not null,
    work_date     date         not null,
    start_time    time         not null,
    minutes       integer      not null,
    activity      varchar(32)  not null,
    client_id     varchar(64),
    care_type     varchar(64),
    -- Who made this version and when (for version 1: the submitter).
    made_by       varchar(255) not null,
    made_at       timestamptz  not null,
    -- Why it was replaced, and by whom and when: the amendment's or void's reason.
    replaced_by   varchar(255) not null,
    replaced_at   timestamptz  not null,
    replace_reason text,
    primary key (entry_id, version)
);

-- Who made the current version (an amendment), and who voided it.
alter table hours_entry add column amended_by varchar(255);
alter table hours_entry add column amended_at timestamptz;
alter table hours_entry add column amend_reason text;
alter table hours_entry add column voided_by varchar(255);
