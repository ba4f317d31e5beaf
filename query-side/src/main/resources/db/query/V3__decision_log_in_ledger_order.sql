-- The decision log now follows the ledger: entries are chained in the order their events were sealed, each with
-- the leaf it was sealed as, and an entry once chained is never re-sequenced. Existing entries are rebuilt.
delete from decision_log;
delete from read_document where model = 'decision-log';
drop index decision_log_order;
alter table decision_log add column leaf_index bigint not null unique;

-- How far a read model that follows the ledger has read it: the next leaf to read, the store's "sealed through"
-- watermark it has caught up with (for ?minPosition=), and while it rebuilds, the leaf count it rebuilds to.
create table ledger_follower (
    name           varchar(64) primary key,
    leaf_position  bigint      not null,
    sealed_through bigint      not null,
    rebuild_until  bigint
);
insert into ledger_follower (name, leaf_position, sealed_through) values ('decision-log', 0, 0);
delete from token_entry where processor_name = 'decision-log';
