alter table payment_run
    add column paid_confirmed_by text,
    add column paid_confirmed_at timestamptz;
