/** What the /v1 API answers for submissions (反映): aliases onto the generated types (clients/typescript). */
import type { components } from '../../../../clients/typescript/src/api-schema';

type Schemas = components['schemas'];

export type SubmissionSummary = Schemas['SubmissionSummary'];
export type Submission = Schemas['Submission'];
