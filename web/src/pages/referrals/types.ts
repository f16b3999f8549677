/** What the /v1 API answers for referrals (移送): aliases onto the generated types (clients/typescript). */
import type { components } from '../../../../clients/typescript/src/api-schema';

type Schemas = components['schemas'];

export type ReferralSummary = Schemas['ReferralSummary'];
export type Referral = Schemas['Referral'];
