-- A folded read model is rebuilt beside the live one, which goes on serving: switch_at is set once the new documents
-- are built, when every replica stops the model's processor so that one transaction can put them in place.
alter table read_model_rebuild add column switch_at timestamptz;
