/**
 * What the /v1 API answers for meetings, inspections, bulletins, assessments, cases and the audit log: aliases onto
 * the types `npm run gen:api` generates from the OpenAPI document (clients/typescript/src/api-schema.ts).
 */

import type { components, paths } from '../../../clients/typescript/src/api-schema';

type Schemas = components['schemas'];

export type Cycle = Schemas['CycleSummary'];

export type MeetingSummary = Schemas['MeetingSummary'];
export type Attendance = Schemas['Attendance'];
export type Meeting = Schemas['Meeting'];

export type InspectionSummary = Schemas['InspectionSummary'];
export type InspectionUnit = Schemas['InspectedUnit'];
export type Inspection = Schemas['Inspection'];
export type Finding = Inspection['findings'][number];

export type BulletinSummary = Schemas['BulletinSummary'];
export type BulletinTotals = BulletinSummary['totals'];
export type Bulletin = Schemas['Bulletin'];

export type BreakdownLine = Schemas['BreakdownLine'];
export type Assessment = Schemas['Assessment'];
export type UnitScore = Assessment['scores'][number];

export type CaseSummary = Schemas['CaseSummary'];
export type CaseState = CaseSummary['state'];
export type Case = Schemas['Case'];
export type Measures = paths['/v1/accountability-measures']['get']['responses'][200]['content']['application/json'];

export type AuditEntry = Schemas['AuditEntry'];
