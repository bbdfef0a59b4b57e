-- Changes to a catalogue item, each effective from a date and kept forever (who, when, why). The item's
-- unit_price is its price as first listed; a PRICE change replaces it from its date, PRICE_WITHDRAWN leaves the
-- item without a price from its date (until a later PRICE), WITHDRAWN takes the item off the catalogue from its
-- date. Orders placed before a change keep what they were placed at.
create table catalogue_item_change (
    item_id         uuid not null references catalogue_item,
    seq             bigint generated always as identity,
    kind            text not null check (kind in ('PRICE', 'PRICE_WITHDRAWN', 'WITHDRAWN')),
    unit_price      numeric(19,2) check (unit_price >= 0),
    effective_from  date not null,
    reason          text,
    changed_by      text not null,
    changed_at      timestamptz not null,
    primary key (item_id, seq),
    constraint catalogue_item_change_price check ((kind = 'PRICE') = (unit_price is not null))
);
