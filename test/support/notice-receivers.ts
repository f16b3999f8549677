import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Pool } from 'pg';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TaskStepInput } from '../../activities/task-step';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { recordNotifications, type RecipientSets } from '../../db/queries/notifications';
import { assignedStatus } from '../../procedures/task/machine';
import type { TaskInput } from '../../procedures/task/messages';

/**
 * What the notice tests share (issue 23): the receivers a notice is delivered to, started by the tests as real
 * servers — an SMTP server, an SMS gateway and a DingTalk robot, each checking what the platform checks — and notices
 * and task steps written as the workflows write them.
 */

/** The SMS gateway's key, as the channels file the tests load names it. */
export const SMS_KEY = 'sms-gateway-key';

/** Reads a request's body and answers with `handle`'s status and text. */
export function receiver(handle: (req: IncomingMessage, body: string) => [number, string]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [status, text] = handle(req, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  });
}

/** Listens on a free loopback port. */
export const listen = async (server: { listen(port: number, host: string, cb: () => void): unknown }) =>
  new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

/**
 * An SMS gateway that checks each request's signature (HMAC-SHA256 of timestamp, nonce and body): a bad one is 401.
 * `refuse` may answer a status of its own for a message (a number refused for good, a carrier down); else 200.
 */
export function smsGateway(refuse: (m: { mobile: string }) => number | undefined = () => undefined) {
  const sms = {
    attempts: new Map<string, number>(),
    accepted: [] as { id: string; mobile: string; text: string }[],
    badSignatures: 0,
  };
  const server = receiver((req, body) => {
    const sig = createHmac('sha256', SMS_KEY)
      .update(`${String(req.headers['x-sms-timestamp'])}\n${String(req.headers['x-sms-nonce'])}\n${body}`)
      .digest('hex');
    if (sig !== req.headers['x-sms-signature']) {
      sms.badSignatures++;
      return [401, '{"error":"signature"}'];
    }
    const m = JSON.parse(body) as { id: string; mobile: string; text: string };
    sms.attempts.set(m.id, (sms.attempts.get(m.id) ?? 0) + 1);
    const refused = refuse(m);
    if (refused !== undefined) return [refused, `{"error":"refused with ${refused}"}`];
    sms.accepted.push(m);
    return [200, '{"ok":true}'];
  });
  return { sms, server };
}

/** An SMTP server (no TLS, no authentication required) keeping every message it accepts, parsed. */
export function smtpServer() {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      simpleParser(stream)
        .then((mail) => mails.push(mail))
        .then(() => cb(), cb);
    },
  });
  return { mails, server };
}

/** Recipients: these people, and no one by unit or role. */
export const toPeople = (...personIds: string[]): RecipientSets => ({
  personIds,
  headOfUnitIds: [],
  memberOfUnitIds: [],
  leaderOfUnitIds: [],
  officeOrgIds: [],
  groupOrgIds: [],
});

/** A task's notice to people, written as a step writes it (inbox entries and deliveries in one transaction). */
export const noticeOnTask = (
  pool: Pool,
  n: { taskId: string; step: string; kind: string; title: string; body: string; personIds: string[] },
) =>
  recordNotifications(pool, {
    orgId: 'district',
    workflowId: `task:${n.taskId}`,
    step: n.step,
    taskId: n.taskId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    recipients: toPeople(...n.personIds),
    webhookUnitIds: [],
  });

/** A routine task of the example organisation, assigned 2027-03-01 and due 2027-03-31, as a test starts one. */
export const routineTask = (taskId: string, leadUnitId = 'town-dongguan'): TaskInput =>
  ({
    taskId,
    orgId: 'district',
    title: '开展节日期间作风建设专项检查',
    leadUnitId,
    coUnitIds: [],
    leaderId: 'p-chen-lixin',
    requirements: '逐项检查',
    standard: '形成报告',
    limit: { kind: 'DATE', date: '2027-03-31' },
    policy: loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!,
    assignedAt: '2027-03-01T02:00:00.000Z',
    cycleId: null,
    createdBy: 'p-huang-min',
    actor: { personId: 'p-huang-min', roles: ['OFFICE'], unitId: 'office', credentialId: 'c', requestId: 'r' },
  }) as TaskInput;

/** The task's first step, as its workflow records it: assigned. */
export const assignedStep = (t: TaskInput): TaskStepInput => ({
  workflowId: `task:${t.taskId}`,
  task: t,
  status: { ...assignedStatus(t), dueDate: '2027-03-31', version: 1 },
  entry: { step: '1-assigned', kind: 'ASSIGNED', message: '交办任务', at: '2027-03-01T02:00:00.000Z' },
  audit: { action: 'task.create', payload: {} },
  details: { dueDate: '2027-03-31' },
});
