-- Assessment (考核评价, DOMAIN.md "The annual cycle" step 6): one per cycle, every unit scored from the read model
-- as of a cut-off with a versioned scoring model (config/scoring-models.yaml, docs/assessment.md). A DRAFT may be
-- recomputed (its scores are replaced); once PUBLISHED it is frozen. The model is stored as it was scored with, so
-- a later version of the file never changes how an old cycle's scores read.
CREATE TABLE assessments (
  id            text PRIMARY KEY,
  cycle_id      text NOT NULL UNIQUE REFERENCES cycles (id),
  org_id        text NOT NULL REFERENCES organisations (id),
  model_id      text NOT NULL,
  model_version integer NOT NULL,
  model         jsonb NOT NULL,
  cut_off       timestamptz NOT NULL,
  state         text NOT NULL CHECK (state IN ('DRAFT', 'PUBLISHED')),
  -- How many times the scores were computed: 1 for the first computation, +1 for each recomputation of the draft.
  revision      integer NOT NULL DEFAULT 1,
  computed_at   timestamptz NOT NULL,
  computed_by   text,
  published_at  timestamptz,
  published_by  text,
  CHECK ((state = 'PUBLISHED') = (published_at IS NOT NULL))
);
CREATE INDEX assessments_org ON assessments (org_id, cut_off DESC);

-- One row per unit scored. `metrics` are the raw counts, `breakdown` each indicator's points and formula;
-- `adjustment` is the sum of the unit's adjustments, `final_score` = clamp(computed_score + adjustment, 0, 100).
CREATE TABLE assessment_scores (
  assessment_id  text NOT NULL REFERENCES assessments (id),
  unit_id        text NOT NULL REFERENCES units (id),
  seq            integer NOT NULL,
  metrics        jsonb NOT NULL,
  breakdown      jsonb NOT NULL,
  computed_score numeric(5, 2) NOT NULL CHECK (computed_score BETWEEN 0 AND 100),
  adjustment     numeric(6, 2) NOT NULL DEFAULT 0,
  final_score    numeric(5, 2) NOT NULL CHECK (final_score BETWEEN 0 AND 100),
  rank           integer NOT NULL,
  PRIMARY KEY (assessment_id, unit_id)
);

-- The office's adjustments (调整), each with its reason; append-only. They survive a recomputation of the draft.
CREATE TABLE assessment_adjustments (
  id            bigserial PRIMARY KEY,
  assessment_id text NOT NULL REFERENCES assessments (id),
  unit_id       text NOT NULL REFERENCES units (id),
  delta         numeric(6, 2) NOT NULL CHECK (delta <> 0),
  reason        text NOT NULL CHECK (length(btrim(reason)) > 0),
  adjusted_by   text NOT NULL,
  adjusted_at   timestamptz NOT NULL DEFAULT now(),
  request_id    text
);
CREATE INDEX assessment_adjustments_unit ON assessment_adjustments (assessment_id, unit_id, id);

CREATE FUNCTION assessment_adjustments_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'assessment_adjustments is append-only';
END $$;
CREATE TRIGGER assessment_adjustments_no_update BEFORE UPDATE OR DELETE ON assessment_adjustments
  FOR EACH ROW EXECUTE FUNCTION assessment_adjustments_are_append_only();
