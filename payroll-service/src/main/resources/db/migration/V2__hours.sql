-- Hours, submitted once by the team: payroll pays from them; CARE entries are passed on to billing-service as
-- care delivered (issue 5: through an outbox, with amendments and voids as new versions).
create table hours_entry (
    id            uuid         primary key,
    employee_id   uuid         not null references employee (id),
    -- The employee's team when the hours were submitted: team statistics stay right if someone moves team.
    team_code     varchar(64)  not null,
    work_date     date         not null,
    start_time    time         not null,
    minutes       integer      not null check (minutes > 0 and minutes <= 1440),
    activity      varchar(32)  not null,
    client_id     varchar(64),
    care_type     varchar(64),
    -- Amendments raise the version; a void keeps the row with voided_at and the reason (the history stays).
    version       integer      not null default 1,
    voided_at     timestamptz,
    void_reason   text,
    submitted_by  varchar(255) not null,
    submitted_at  timestamptz  not null,
    constraint hours_entry_care_has_client check (activity <> 'CARE' or (client_id is not null and care_type is not null))
);
create index hours_entry_by_employee_date on hours_entry (employee_id, work_date);
create index hours_entry_by_team_date on hours_entry (team_code, work_date);

-- Pay periods whose payroll has been finalised: hours dated inside them are refused (corrections go in as
-- adjustments in the next run). Written by the payroll run when it finalises a period.
create table paid_period (
    id            uuid        primary key,
    period_start  date        not null,
    period_end    date        not null,
    finalised_at  timestamptz not null default now(),
    constraint paid_period_ordered check (period_end >= period_start)
);
