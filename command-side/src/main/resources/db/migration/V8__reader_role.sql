-- A role for the query side: it reads the record (the events and the ledger) and may not write it; it creates and
-- owns only its own read-model tables (its migrations run as it). Connect the query side as a login that is a member
-- of thidua_reader, the command side as one of thidua_appender (README, "Who may rewrite history"). Created only where
-- the migrating user may create roles; elsewhere a DBA runs this block once.
do $$
begin
    if exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
        if not exists (select 1 from pg_roles where rolname = 'thidua_reader') then
            create role thidua_reader nologin;
        end if;
        grant usage, create on schema public to thidua_reader;
        grant select on domain_event_entry, snapshot_event_entry, ledger_leaf, ledger_checkpoint, ledger_cosignature,
            ledger_state to thidua_reader;
        revoke insert, update, delete, truncate on domain_event_entry, snapshot_event_entry, ledger_leaf,
            ledger_checkpoint, ledger_cosignature, ledger_state, decision_directory, idempotency_key
            from thidua_reader;
    end if;
end
$$;
