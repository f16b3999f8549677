-- The cycle's year end (DOMAIN.md annual cycle steps 6–8): between the cut-off and the close it is YEAR_END.
ALTER TABLE cycles DROP CONSTRAINT cycles_phase_check;
ALTER TABLE cycles ADD CONSTRAINT cycles_phase_check
  CHECK (phase IN ('PLANNING', 'DECOMPOSING', 'RUNNING', 'YEAR_END', 'CLOSED'));
ALTER TABLE cycles ADD COLUMN assessment_id text;
ALTER TABLE cycles ADD COLUMN annual_report_id text;
