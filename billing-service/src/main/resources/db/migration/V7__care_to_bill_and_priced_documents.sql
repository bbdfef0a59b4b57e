-- Billing at volume (issue 6): a run of a million visits must not rewrite a million care rows to say they were
-- charged. Instead:
--  * care_to_bill lists the versions of care billing still has to deal with (filled by a trigger on
--    care_delivered, whatever writes it); issuing a document deletes its care from it in the same transaction,
--    which is what makes a visit charged exactly once (the second claimant finds nothing to delete);
--  * a run writes its priced care once (run_item, by COPY) already numbered into the run's documents
--    (run_document), whose invoice ids are chosen when priced: issuing inserts the invoice and changes no item;
--  * what stands charged for a visit is derived (view care_charge): its item on an ISSUED document, not left
--    out of it, and not credited since (credit_claim).

-- 1. What billing still has to deal with. --------------------------------------------------------------------
create table care_to_bill (
    hours_entry_id uuid    not null,
    version        integer not null,
    -- A later version of a visit: what an earlier version charged may have to be credited first.
    amended        boolean not null default false,
    primary key (hours_entry_id, version)
);

-- Statement-level triggers with transition tables: one set-based insert per statement, so a bulk insert of a
-- month of care pays a few milliseconds here, not a trigger call per row.
create function care_to_bill_added() returns trigger language plpgsql as $$
begin
    insert into care_to_bill (hours_entry_id, version) select hours_entry_id, version from added
    on conflict do nothing;
    return null;
end $$;

create function care_to_bill_replaced() returns trigger language plpgsql as $$
begin
    -- Only the latest version of a visit is ever charged: an earlier one still waiting is dropped, and a run
    -- that priced it can no longer claim it.
    delete from care_to_bill q using after_change a
    where q.hours_entry_id = a.hours_entry_id and q.version < a.version;
    insert into care_to_bill (hours_entry_id, version, amended)
    select a.hours_entry_id, a.version, true
    from after_change a join before_change b on b.hours_entry_id = a.hours_entry_id
    where a.version <> b.version
    on conflict do nothing;
    return null;
end $$;

create trigger care_to_bill_added after insert on care_delivered
    referencing new table as added for each statement execute function care_to_bill_added();
create trigger care_to_bill_replaced after update on care_delivered
    referencing old table as before_change new table as after_change for each statement execute function care_to_bill_replaced();

-- Progress of the price step, kept by the step itself: counting a million fresh rows on every poll is not free.
alter table billing_run add column records_priced integer;

-- 2. A run's documents, numbered and given their invoice id when priced. ---------------------------------------
create table run_document (
    run_id              uuid    not null references billing_run (id),
    document_no         integer not null,
    group_key           text    not null,
    kind                text    not null check (kind in ('CHARGE', 'CREDIT')),
    funder_id           uuid    not null,
    contract_id         uuid    not null,
    client_id           text,                 -- the buyer when it is a client (self-funders)
    original_invoice_id uuid,                 -- CREDIT: the invoice whose charges it credits
    invoice_id          uuid    not null unique,   -- the invoice (ISSUED or REJECTED) is stored under this id
    primary key (run_id, document_no),
    unique (run_id, group_key)
);

-- Existing runs: one document per group they priced, under the id of the invoice already stored for it.
insert into run_document (run_id, document_no, group_key, kind, funder_id, contract_id, client_id, original_invoice_id,
                          invoice_id)
select g.run_id, row_number() over (partition by g.run_id order by g.group_key), g.group_key, g.kind, g.funder_id,
       g.contract_id,
       case when g.kind = 'CREDIT' then o.client_id else nullif(split_part(g.group_key, '|', 4), '') end,
       g.original_invoice_id, coalesce(i.id, gen_random_uuid())
from (select distinct on (run_id, group_key) run_id, group_key, kind, funder_id, contract_id, original_invoice_id
      from run_item order by run_id, group_key) g
left join invoice i on i.run_id = g.run_id and i.group_key = g.group_key
left join invoice o on o.id = g.original_invoice_id;

-- 3. Priced care: one row per visit and kind, on its document. -------------------------------------------------
alter table run_item
    add column document_no        integer,
    -- Left out of its document when issued: claimed by someone else or changed since it was priced.
    add column excluded           boolean not null default false,
    add column start_time         time,
    add column authorised_minutes integer;       -- the client's authorised minutes per week, if any

update run_item r set document_no = d.document_no,
       excluded = r.invoice_id is null and exists (select 1 from invoice i where i.id = d.invoice_id and i.status = 'ISSUED')
from run_document d where d.run_id = r.run_id and d.group_key = r.group_key;
update run_item r set start_time = c.start_time from care_delivered c where c.hours_entry_id = r.hours_entry_id;

-- Credits already issued, so that no charge is credited twice.
create table credit_claim (
    hours_entry_id uuid    not null,
    version        integer not null,      -- the version whose charge was credited
    credit_note_id uuid    not null,
    primary key (hours_entry_id, version)
);
insert into credit_claim (hours_entry_id, version, credit_note_id)
select r.hours_entry_id, r.version, r.invoice_id from run_item r join invoice i on i.id = r.invoice_id
where r.kind = 'CREDIT' and i.status = 'ISSUED'
on conflict do nothing;

alter table run_item drop constraint run_item_pkey;
-- No foreign key per item: checking one for each of a million rows would cost more than writing them (measured
-- 3.2 s of 4.8 s per million). Items are written only by their run's price step, which stores its documents
-- (run_document, which references the run) in the same transaction as the last items.
alter table run_item drop constraint run_item_run_id_fkey;
drop index run_item_group;
alter table run_item drop column group_key, drop column funder_id, drop column contract_id,
    drop column original_invoice_id, drop column invoice_id;
alter table run_item alter column document_no set not null;
alter table run_item add primary key (run_id, document_no, hours_entry_id);
-- What was charged for a visit is found by the visit.
create index run_item_visit on run_item (hours_entry_id);
-- The authorised-hours check reads only the visits of clients with a package.
create index run_item_authorised on run_item (run_id) where authorised_minutes is not null;

-- What stands charged for each visit: on an issued document, not left out of it, not credited since.
create view care_charge as
select r.hours_entry_id, r.version, r.team, r.client_id, r.care_type, r.care_date, r.funder_reference, r.hourly_rate,
       r.charged_minutes, r.billable_minutes, r.run_id, r.document_no, d.invoice_id, d.funder_id, d.contract_id
from run_item r
join run_document d on d.run_id = r.run_id and d.document_no = r.document_no
join invoice i on i.id = d.invoice_id and i.status = 'ISSUED'
where r.kind = 'CHARGE' and not r.excluded
  and not exists (select 1 from credit_claim x where x.hours_entry_id = r.hours_entry_id and x.version = r.version);

-- 4. Care still to bill, from what the care rows said so far; then the per-row billing columns go. ------------
insert into care_to_bill (hours_entry_id, version, amended)
select hours_entry_id, version, billed_invoice_id is not null from care_delivered
where billed_version is distinct from version;

drop index care_delivered_to_bill;
-- The view selected the billing columns; it is recreated below without them.
drop view care_billing_basis;
alter table care_delivered drop column billed_version, drop column billed_minutes, drop column billed_amount,
    drop column billed_invoice_id;
-- Authorised hours count what was charged in a client's week.
create index care_delivered_client_date on care_delivered (client_id, care_date);

-- Unchanged but for the billing columns: which funder, contract and price apply to one visit on its day, or why
-- none can. It answers per visit (lateral lookups); a run prices in bulk through the period views below.
create view care_billing_basis as
select c.hours_entry_id, c.version, c.status, c.team, c.employee_id, c.client_id, c.care_type, c.care_date,
       c.start_time, c.minutes, c.planned_minutes,
       f.funder_id, f.funder_reference, f.authorised_minutes_per_week,
       k.id as contract_id, r.hourly_rate, r.effective_from as rate_effective_from,
       case
           when cl.id is null then 'Unknown client ' || c.client_id
           when f.id is null then 'Client ' || c.client_id || ' has no funding on ' || c.care_date
           when k.id is null then 'The funder of client ' || c.client_id || ' has no contract on ' || c.care_date
           when r.hourly_rate is null then 'The contract has no price for ' || c.care_type || ' on ' || c.care_date
       end as unbillable_reason
from care_delivered c
left join client cl on cl.id = c.client_id
left join lateral (
    select * from client_funding cf
    where cf.client_id = c.client_id and cf.valid_from <= c.care_date
      and (cf.valid_to is null or c.care_date <= cf.valid_to)
    order by cf.valid_from desc limit 1) f on true
left join lateral (
    select * from contract ct
    where ct.funder_id = f.funder_id and ct.starts_on <= c.care_date
      and (ct.ends_on is null or c.care_date <= ct.ends_on)
    order by ct.starts_on desc limit 1) k on true
left join lateral (
    select * from contract_rate cr
    where cr.contract_id = k.id and cr.care_type = c.care_type and cr.effective_from <= c.care_date
    order by cr.effective_from desc limit 1) r on true;

-- 5. The same choices as care_billing_basis, as date ranges, for joining a month of care at once. -------------
-- The choice can only change on a day a funding (contract) starts or the day after one ends; between two such
-- days it is made once, by the same rule as the view: the latest start among those covering the day.
-- ends is exclusive; null = open-ended.
create view client_funding_period as
with points as (
    select client_id, valid_from as starts from client_funding
    union
    select client_id, valid_to + 1 from client_funding where valid_to is not null
), segments as (
    select client_id, starts, lead(starts) over (partition by client_id order by starts) as ends from points
)
select s.client_id, s.starts, s.ends, f.id as funding_id, f.funder_id, f.funder_reference, f.authorised_minutes_per_week
from segments s
join lateral (
    select * from client_funding cf
    where cf.client_id = s.client_id and cf.valid_from <= s.starts and (cf.valid_to is null or s.starts <= cf.valid_to)
    order by cf.valid_from desc limit 1) f on true;

create view funder_contract_period as
with points as (
    select funder_id, starts_on as starts from contract
    union
    select funder_id, ends_on + 1 from contract where ends_on is not null
), segments as (
    select funder_id, starts, lead(starts) over (partition by funder_id order by starts) as ends from points
)
select s.funder_id, s.starts, s.ends, k.id as contract_id
from segments s
join lateral (
    select * from contract ct
    where ct.funder_id = s.funder_id and ct.starts_on <= s.starts and (ct.ends_on is null or s.starts <= ct.ends_on)
    order by ct.starts_on desc limit 1) k on true;

-- A rate applies from its date until the next rate of the same contract and care type.
create view contract_rate_period as
select contract_id, care_type, effective_from as starts,
       lead(effective_from) over (partition by contract_id, care_type order by effective_from) as ends, hourly_rate
from contract_rate;
