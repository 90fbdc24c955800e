-- In-file duplicate detection without holding every key of a million-row file in memory: each
-- committed batch records its rows' natural keys (keyed HMAC-SM3, never the key itself, since keys
-- are ID numbers), and later batches look theirs up. Cleared when the job ends.
CREATE TABLE import_keys (
  import_id uuid NOT NULL REFERENCES import_jobs(id),
  key_hash text NOT NULL,
  row_no int NOT NULL,
  PRIMARY KEY (import_id, key_hash)
);
ALTER TABLE import_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY import_keys_scope ON import_keys
  USING (EXISTS (SELECT 1 FROM import_jobs j WHERE j.id = import_id))
  WITH CHECK (EXISTS (SELECT 1 FROM import_jobs j WHERE j.id = import_id));
GRANT SELECT, INSERT, DELETE ON import_keys TO mwsp_app;
