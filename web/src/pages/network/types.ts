import type { components } from '../../../../clients/typescript/src/api-schema';

/** What the supervision network's routes answer (监督网络), as generated from the OpenAPI document. */
type Schemas = components['schemas'];
export type NetworkMember = Schemas['NetworkMember'];
export type NetworkMemberDetail = Schemas['NetworkMemberDetail'];
export type NetworkActivity = Schemas['NetworkActivity'];

export const NETWORK_KINDS = ['SPECIAL_SUPERVISOR', 'CONDUCT_SUPERVISOR', 'INFORMANT', 'DEPUTY', 'CPPCC_MEMBER'];
export const NETWORK_LEVELS = ['DISTRICT', 'TOWN', 'VILLAGE'];
export const NETWORK_STATUSES = ['ACTIVE', 'PENDING', 'EXPIRED', 'RETIRED'];
