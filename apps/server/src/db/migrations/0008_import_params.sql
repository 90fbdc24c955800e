-- Import jobs bound to a context (e.g. the project a wage sheet belongs to): validated when the job is
-- created, handed to the import kind with every batch.
ALTER TABLE import_jobs ADD COLUMN params jsonb NOT NULL DEFAULT '{}';
