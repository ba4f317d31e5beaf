-- A role for the apps that may append events but never rewrite them: select and insert on the event table, no
-- update, no delete. Connect the apps as a login that is a member of thidua_appender (README, "Who may rewrite
-- history"): a compromised app then cannot change the record, and the ledger catches anyone else who does.
-- Created only where the migrating user may create roles; elsewhere a DBA runs this block once.
do $$
begin
    if exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
        if not exists (select 1 from pg_roles where rolname = 'thidua_appender') then
            create role thidua_appender nologin;
        end if;
        grant usage on schema public to thidua_appender;
        grant select, insert on domain_event_entry to thidua_appender;
        grant select, insert, update on decision_directory, idempotency_key to thidua_appender;
        grant select, insert, update on ledger_leaf, ledger_checkpoint, ledger_state to thidua_appender;
        revoke update, delete, truncate on domain_event_entry from thidua_appender;
        revoke update, delete, truncate on ledger_leaf, ledger_checkpoint from thidua_appender;
        grant usage, select on all sequences in schema public to thidua_appender;
    end if;
end
$$;
