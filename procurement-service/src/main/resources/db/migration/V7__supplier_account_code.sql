-- A supplier's own service account (Keycloak client with realm role "supplier") carries a claim "supplier" with
-- the supplier's account code. The back office sets the code; it links the token to exactly one supplier.
alter table supplier
    add column account_code         text,
    add column account_code_set_by  text,
    add column account_code_set_at  timestamptz,
    add constraint supplier_account_code_unique unique (account_code);
