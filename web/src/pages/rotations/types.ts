import type { components } from '../../../../clients/typescript/src/api-schema';

/** What the rotation routes answer (轮训), as generated from the OpenAPI document. */
type Schemas = components['schemas'];
export type Rotation = Schemas['Rotation'];
export type RotationSummary = Schemas['RotationSummary'];
export type RotationWindow = Schemas['RotationWindow'];
export type RotationRecord = Schemas['RotationRecord'];
