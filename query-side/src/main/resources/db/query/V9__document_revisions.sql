-- Every save of a folded document gives it a new revision: a projection that kept the document in memory after its
-- last batch uses that copy only while the stored revision is still the one it saved, so it does not parse the
-- document again for every batch, and never folds into a copy another writer (a replica, a rebuild's switch) replaced.
alter table read_document add column revision bigint;
