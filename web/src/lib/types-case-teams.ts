/** What the /v1 API answers for case teams (办案组) and secondments (抽调): aliases onto the generated types. */

import type { components } from '../../../clients/typescript/src/api-schema';

type Schemas = components['schemas'];

export type CaseTeamSummary = Schemas['CaseTeamSummary'];
export type CaseTeam = Schemas['CaseTeam'];
export type Secondment = Schemas['Secondment'];
export type SecondmentDetail = Schemas['SecondmentDetail'];
