-- Two times: the day an act took place, where it was entered later (the event's occurredOn). Empty for acts dated
-- the day they were recorded, which includes every act recorded before acts could be dated.
alter table timeline_entry add column occurred_on date;
alter table decision_log add column occurred_on date;
