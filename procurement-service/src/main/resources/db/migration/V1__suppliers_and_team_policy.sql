-- Suppliers are set up by the back office; every colleague may read them.
create table supplier (
    id                     uuid primary key,
    name                   text not null,
    address_line1          text not null,
    address_line2          text,
    town                   text not null,
    postcode               text not null,
    country_code           char(2) not null default 'GB',
    peppol_participant_id  text,
    order_endpoint_url     text,
    bank_account_name      text not null,
    sort_code              char(6) not null,
    account_number         char(8) not null,
    payment_terms_days     integer not null check (payment_terms_days between 0 and 120),
    created_by             text not null,
    created_at             timestamptz not null default now(),
    -- An order has to reach the supplier somehow: through PEPPOL or straight to its order endpoint.
    constraint supplier_reachable check (peppol_participant_id is not null or order_endpoint_url is not null)
);
create index supplier_name on supplier (lower(name));

-- Each team's own spending policy, set by the team itself. One current row per team; every change
-- is also appended to team_policy_change so anyone can see who changed what and when.
create table team_policy (
    team                 text primary key,
    yearly_budget        numeric(19,2) not null check (yearly_budget >= 0),
    split_by_month       boolean not null,
    advice_threshold     numeric(19,2) not null check (advice_threshold >= 0),
    per_order_cap        numeric(19,2) check (per_order_cap > 0),
    approved_supplier_ids uuid[] not null default '{}',
    version              integer not null,
    changed_by           text not null,
    changed_at           timestamptz not null
);

create table team_policy_change (
    team                 text not null,
    version              integer not null,
    yearly_budget        numeric(19,2) not null,
    split_by_month       boolean not null,
    advice_threshold     numeric(19,2) not null,
    per_order_cap        numeric(19,2),
    approved_supplier_ids uuid[] not null,
    changed_by           text not null,
    changed_at           timestamptz not null,
    primary key (team, version)
);
