-- Departments renamed or merged by the 2018 institutional reform keep the policy documents' names as
-- former names (原名): measures still map to a department that exists, and the old name finds it.
ALTER TABLE departments ADD COLUMN former_names text[] NOT NULL DEFAULT '{}';
