-- The rest of the office's rules edited with versions (issue 22), each a kind of `rule_versions`: the organisation
-- itself (its units and people, edited by its administrator), the accountability measures, the defaults of meetings
-- and inspections, and the notice templates. Widened once here, so that each kind's own migration need not touch it.
ALTER TABLE rule_versions DROP CONSTRAINT rule_versions_kind_check;
ALTER TABLE rule_versions ADD CONSTRAINT rule_versions_kind_check CHECK (
  kind IN (
    'task-policies',
    'scoring-model',
    'organisation',
    'accountability',
    'procedure-defaults',
    'notice-templates'
  )
);
