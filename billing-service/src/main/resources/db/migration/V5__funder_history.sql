-- Every change to a funder keeps what it replaced: who changed it, when, and the previous values.
create table funder_history (
    id          bigserial primary key,
    funder_id   uuid not null references funder (id),
    changed_at  timestamptz not null default now(),
    changed_by  text not null,
    previous    jsonb not null
);
create index funder_history_funder on funder_history (funder_id, id);
