import { accountabilityContentShape } from '../../config/accountability-rules';
import type { AppDeps } from '../deps';
import { ruleChangeSchema } from './rule-version-schemas';
import { ruleVersionRoutes } from './rule-version-routes';
import { accountabilityRules } from '../use-cases/accountability-rules';

/** The organisation's accountability policy, edited by the office with versions (issue 22). */
export const accountabilityRuleRoutes = (deps: AppDeps) =>
  ruleVersionRoutes(deps, {
    kind: 'accountability',
    path: '/rules/accountability',
    contentSchema: accountabilityContentShape.describe(
      'The accountability policy, in the shape of config/accountability.yaml: the limits of the statement, the ' +
        'assessment’s threshold and the measures (docs/accountability.md)',
    ),
    draftSchema: accountabilityContentShape,
    versionId: 'AccountabilityVersion',
    unpublished: 'the deployment’s config/accountability.yaml as loaded',
    changeSchema: ruleChangeSchema('the measure’s code'),
    summaries: {
      read: 'The organisation’s accountability policy in force, with every version (author, time, reason) (office)',
      publish:
        'Publish a new version of the accountability policy (office): cases opened afterwards get it and cycles ' +
        'opened afterwards its threshold; a running case keeps the policy it was opened with (a measure removed ' +
        'can still decide it). 409 when `baseVersion` is no longer the version in force; 422 names every field ' +
        'whose meaning is wrong (no measures, a code or a name listed twice, a threshold outside 0–100, a limit ' +
        'outside 1–60 working days)',
      diff: 'What changed from one version of the accountability policy to another (office), each change in a sentence',
      version: 'One version of the accountability policy, with its content (office)',
      restore:
        'Restore a version of the accountability policy (office): its content becomes a new version. 409 when ' +
        '`baseVersion` is no longer the version in force',
    },
    useCases: accountabilityRules,
  });
