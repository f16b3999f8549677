import { procedureDefaultsShape } from '../../config/procedure-defaults';
import type { AppDeps } from '../deps';
import { ruleChangeSchema } from './rule-version-schemas';
import { ruleVersionRoutes } from './rule-version-routes';
import { procedureDefaultsRules } from '../use-cases/procedure-defaults-rules';

/** The organisation's defaults of meetings and inspection rounds, edited by the office with versions (issue 22). */
export const procedureDefaultsRuleRoutes = (deps: AppDeps) =>
  ruleVersionRoutes(deps, {
    kind: 'procedure-defaults',
    path: '/rules/procedure-defaults',
    contentSchema: procedureDefaultsShape.describe(
      'The defaults of the joint meetings and the inspection rounds: their calendar, limits, place and checklist',
    ),
    draftSchema: procedureDefaultsShape,
    versionId: 'ProcedureDefaultsVersion',
    unpublished: 'the code’s own defaults',
    changeSchema: ruleChangeSchema('the checklist’s item'),
    summaries: {
      read: 'The organisation’s defaults of meetings and inspection rounds in force, with every version (office)',
      publish:
        'Publish a new version of the defaults of meetings and inspection rounds (office): cycles opened afterwards ' +
        'take its calendar, meetings and rounds started afterwards its minutes limit, escalation offset, place and ' +
        'checklist; running ones keep theirs. 409 when `baseVersion` is no longer the version in force; 422 names ' +
        'every field whose meaning is wrong (a month out of order, a limit out of range, findings due before the ' +
        'self-checks)',
      diff: 'What changed from one version of the defaults of meetings and rounds to another (office), in sentences',
      version: 'One version of the defaults of meetings and inspection rounds, with its content (office)',
      restore:
        'Restore a version of the defaults of meetings and inspection rounds (office): its content becomes a new ' +
        'version. 409 when `baseVersion` is no longer the version in force',
    },
    useCases: procedureDefaultsRules,
  });
