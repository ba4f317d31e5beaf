-- The decision log is rebuilt beside the live one, which goes on serving: a second follower row
-- ('decision-log-beside') reads the ledger from its first leaf into this table, and once it has caught up with the
-- live follower one transaction puts its entries in place.
create table decision_log_beside (like decision_log including all);
