-- Reads wait on the processors' tokens for ?minPosition= now; per-aggregate version notes served only ?minVersion=.
drop table applied_version;
