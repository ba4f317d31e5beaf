-- The timeline is rebuilt beside the live one, which goes on serving: the new lines are written here, and the switch
-- puts them in place of the live ones in one transaction.
create table timeline_entry_beside (like timeline_entry including all);
-- Every processor-fed model is now rebuilt beside the live one: none is reset in place any more.
alter table read_model_rebuild drop column reset_done;
