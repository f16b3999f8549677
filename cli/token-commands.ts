import type { Pool } from 'pg';
import { describeRevokeTarget, issueToken, revokeTokens } from '../db/queries/tokens';
import { CliFailure } from './cli-errors';

/** The longest a token issued from the shell may live; a longer one is better issued again. */
export const MAX_TOKEN_DAYS = 3650;

/** `heli token issue <person-id> [--days N]`: the token on stdout (for scripts), what it is on stderr. */
export async function issueTokenCommand(db: Pool, personId: string, days: number | undefined, actorId: string) {
  const expires = days === undefined ? undefined : new Date(Date.now() + days * 86_400_000);
  const issued = await issueToken(db, personId, expires, actorId);
  process.stderr.write(
    `已为 ${personId} 签发令牌 ${issued.tokenId}，${expires ? `有效期至 ${expires.toISOString()}` : '长期有效（可随时撤销）'}\n`,
  );
  process.stdout.write(`${issued.token}\n`);
}

/**
 * `heli token revoke <token-id|person-id>`. Revoking nothing is a failure (exit 1), never a silent success: an
 * unknown id is probably a typo, and a token revoked before is said to be so, with when.
 */
export async function revokeTokenCommand(db: Pool, id: string, actorId: string): Promise<void> {
  const revoked = await revokeTokens(db, id, actorId);
  if (revoked > 0) {
    process.stdout.write(`已撤销 ${revoked} 个令牌\n`);
    return;
  }
  const target = await describeRevokeTarget(db, id);
  if (target.kind === 'TOKEN' && target.revokedAt) {
    throw new CliFailure(`令牌 ${id} 已于 ${target.revokedAt.toISOString()} 撤销，无需再次撤销`);
  }
  if (target.kind === 'PERSON') {
    const before = target.revokedTokens > 0 ? `（其 ${target.revokedTokens} 个令牌此前均已撤销）` : '';
    throw new CliFailure(`${id} 没有可撤销的令牌${before}`);
  }
  throw new CliFailure(`没有 id 为 ${id} 的令牌或人员（令牌 id 形如 tok_…，由 heli token issue 打印）`);
}
