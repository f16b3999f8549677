import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromProject } from '../../config/paths';

/** A task type whose submission must carry evidence (佐证材料, `requireEvidence`), besides the project's types. */
export const EVIDENCE_TYPE = 'EVIDENCE_RECTIFICATION';

/** A task policy file (TASK_POLICY_FILE): the project's types and `EVIDENCE_TYPE`, written to a fresh directory. */
export function policiesWithEvidenceType(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'heli-policies-')), 'task-policies.yaml');
  writeFileSync(
    file,
    `${readFileSync(fromProject('config/task-policies.yaml'), 'utf8')}
  - type: ${EVIDENCE_TYPE}
    name: 整改落实（须附佐证材料）
    requireEvidence: true
`,
  );
  return file;
}
