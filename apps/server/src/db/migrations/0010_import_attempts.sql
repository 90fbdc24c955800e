-- Import jobs: how many times the runner has started (or resumed) a job without it moving forward.
-- Incremented before each start; reset to 1 when a batch commits. A job that reaches the limit
-- without progress (it failed twice, or took the process down twice) is quarantined as failed
-- instead of being resumed at every start.
ALTER TABLE import_jobs ADD COLUMN attempts int NOT NULL DEFAULT 0;
