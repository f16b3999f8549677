-- The scoring model as a rule the office edits with versions (issue 22): `org` version n of an organisation is its
-- version n of kind `scoring-model` (version 0, none published: the deployment file's default, as before).
ALTER TABLE rule_versions DROP CONSTRAINT rule_versions_kind_check;
ALTER TABLE rule_versions ADD CONSTRAINT rule_versions_kind_check CHECK (kind IN ('task-policies', 'scoring-model'));

-- An assessment recomputed with another model by the office, on purpose and with a reason: the figures the assessment
-- stored (`assessment_scores.metrics`) scored again, each recomputation kept, numbered from 1 per assessment. The
-- assessment itself (its scores, what was published, notified and acted on) is never changed by one.
CREATE TABLE assessment_recomputations (
  assessment_id text NOT NULL REFERENCES assessments (id),
  computation   integer NOT NULL CHECK (computation >= 1),
  org_id        text NOT NULL REFERENCES organisations (id),
  -- The organisation's version of the scoring model (0: the deployment's default) and the model, as scored with.
  rule_version  integer NOT NULL CHECK (rule_version >= 0),
  model_id      text NOT NULL,
  model_version integer NOT NULL,
  model         jsonb NOT NULL,
  -- One entry per unit: unitId, computedScore, adjustment, finalScore, rank, breakdown.
  scores        jsonb NOT NULL,
  reason        text NOT NULL CHECK (length(btrim(reason)) > 0),
  computed_by   text NOT NULL,
  computed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, computation)
);

CREATE FUNCTION assessment_recomputations_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'assessment_recomputations is append-only';
END $$;
CREATE TRIGGER assessment_recomputations_no_update BEFORE UPDATE OR DELETE ON assessment_recomputations
  FOR EACH ROW EXECUTE FUNCTION assessment_recomputations_are_append_only();
