import type { components } from '../../../../clients/typescript/src/api-schema';

/** What the conduct appraisal and inspection routes answer (行风评议, 列席检查), generated from the OpenAPI document. */
type Schemas = components['schemas'];
export type AppraisalSummary = Schemas['AppraisalSummary'];
export type Appraisal = Schemas['Appraisal'];
export type AppraisalResult = Schemas['AppraisalResult'];
export type Inspection = Schemas['Inspection'];
export type InspectionSummary = Schemas['InspectionSummary'];
export type Observation = Schemas['Observation'];

export const RATINGS = ['SATISFIED', 'BASIC', 'UNSATISFIED'] as const;
