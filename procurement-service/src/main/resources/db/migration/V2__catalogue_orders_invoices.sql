-- What may be bought and where it is booked: each category maps to an expense account of the chart of
-- accounts (finance-service owns the chart; the codes are from chart-of-accounts-uk-care.csv).
create table category (
    code               text primary key,
    name               text not null,
    expense_account    varchar(4) not null,
    -- Categories without a catalogue: the team describes the item and its price itself.
    free_text_allowed  boolean not null
);
insert into category (code, name, expense_account, free_text_allowed) values
    ('care-consumables',  'Care consumables and PPE',          '5000', false),
    ('clinical-supplies', 'Clinical and medical supplies',     '5010', true),
    ('activities',        'Service-user activities',           '5300', true),
    ('repairs',           'Repairs and maintenance',           '7120', true),
    ('training',          'Training and DBS checks',           '7200', true),
    ('it-software',       'IT and software subscriptions',     '7500', true),
    ('phone-internet',    'Telephone and internet',            '7502', true),
    ('stationery',        'Printing postage and stationery',   '7505', true);

create table catalogue_item (
    id                  uuid primary key,
    supplier_id         uuid not null references supplier,
    supplier_item_code  text not null,
    description         text not null,
    unit                text not null,
    unit_price          numeric(19,2) not null check (unit_price >= 0),
    category            text not null references category,
    created_at          timestamptz not null default now(),
    unique (supplier_id, supplier_item_code)
);

-- Running totals per team and budget year, changed only while the team's policy row is locked, so the
-- budget check of one order always sees every earlier order of that team.
create table team_budget_usage (
    team         text not null,
    budget_year  integer not null,
    committed    numeric(19,2) not null default 0,
    spent        numeric(19,2) not null default 0,
    primary key (team, budget_year)
);

create sequence order_number_seq;

-- An order has no approval state: it is PLACED the moment it fits the team's policy, or CANCELLED.
create table purchase_order (
    id                   uuid primary key,
    order_number         text not null unique,
    team                 text not null,
    supplier_id          uuid not null references supplier,
    budget_year          integer not null,
    total                numeric(19,2) not null,
    open_commitment      numeric(19,2) not null,
    status               text not null check (status in ('PLACED', 'CANCELLED')),
    delivery_line1       text not null,
    delivery_line2       text,
    delivery_town        text not null,
    delivery_postcode    text not null,
    note                 text,
    placed_by            text not null,
    placed_at            timestamptz not null,
    cancelled_by         text,
    cancelled_at         timestamptz,
    cancel_reason        text,
    ubl_document         text not null,
    dispatch_status      text not null check (dispatch_status in
                             ('PENDING', 'RETRYING', 'DELIVERED', 'REFUSED', 'INVALID_DOCUMENT', 'NOT_SENT')),
    dispatch_attempts    integer not null default 0,
    next_dispatch_at     timestamptz,
    last_dispatch_error  text,
    delivered_at         timestamptz
);
create index purchase_order_due on purchase_order (next_dispatch_at) where dispatch_status in ('PENDING', 'RETRYING');
create index purchase_order_team on purchase_order (team, placed_at desc);
create index purchase_order_placed on purchase_order (placed_at desc);

create table order_line (
    order_id            uuid not null references purchase_order,
    line_no             integer not null,
    catalogue_item_id   uuid references catalogue_item,
    supplier_item_code  text,
    description         text not null,
    category            text not null references category,
    unit                text not null,
    quantity            numeric(12,3) not null check (quantity > 0),
    unit_price          numeric(19,2) not null,
    line_total          numeric(19,2) not null,
    received_quantity   numeric(12,3) not null default 0,
    invoiced_quantity   numeric(12,3) not null default 0,
    primary key (order_id, line_no)
);

-- The advice a team sought before a larger order: who was asked, what they said, what the team decided.
-- Advice, not permission: it is recorded with the order, nobody's answer is awaited.
create table advice_record (
    order_id       uuid primary key references purchase_order,
    decision_note  text not null,
    recorded_by    text not null
);
create table advice_given (
    order_id   uuid not null references advice_record,
    position   integer not null,
    adviser    text not null,
    role       text not null,
    advice     text not null,
    primary key (order_id, position)
);

create table receipt (
    id           uuid primary key,
    order_id     uuid not null references purchase_order,
    received_by  text not null,
    received_at  timestamptz not null,
    note         text
);
create table receipt_line (
    receipt_id  uuid not null references receipt,
    line_no     integer not null,
    quantity    numeric(12,3) not null check (quantity > 0),
    primary key (receipt_id, line_no)
);

create table supplier_invoice (
    id               uuid primary key,
    supplier_id      uuid not null references supplier,
    invoice_number   text not null,
    order_reference  text,
    order_id         uuid references purchase_order,
    issue_date       date not null,
    total            numeric(19,2) not null,
    format           text not null check (format in ('UBL', 'JSON')),
    document         text,
    status           text not null check (status in ('MATCHED', 'EXCEPTION')),
    reasons          text[] not null default '{}',
    detail           text,
    received_by      text not null,
    received_at      timestamptz not null,
    matched_at       timestamptz,
    unique (supplier_id, invoice_number)
);
create index supplier_invoice_exceptions on supplier_invoice (received_at) where status = 'EXCEPTION';
create index supplier_invoice_order on supplier_invoice (order_id);

create table supplier_invoice_line (
    invoice_id     uuid not null references supplier_invoice,
    line_no        integer not null,
    order_line_no  integer,
    description    text not null,
    quantity       numeric(12,3) not null,
    unit_price     numeric(19,2) not null,
    line_total     numeric(19,2) not null,
    primary key (invoice_id, line_no)
);

-- A matched invoice becomes a payable without anyone approving it; finance gets the journal via the outbox.
create table payable (
    id           uuid primary key,
    invoice_id   uuid not null unique references supplier_invoice,
    supplier_id  uuid not null references supplier,
    team         text not null,
    amount       numeric(19,2) not null,
    due_date     date not null,
    status       text not null check (status in ('OPEN', 'IN_PAYMENT_RUN', 'PAID')),
    created_at   timestamptz not null
);
create table payable_line (
    payable_id       uuid not null references payable,
    category         text not null references category,
    expense_account  varchar(4) not null,
    amount           numeric(19,2) not null,
    primary key (payable_id, category)
);
