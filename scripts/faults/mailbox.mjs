// The e-mail channel of a fault run: a real SMTP server (the `smtp-server` package) that the stack's worker delivers
// every notice to, and an organisation file whose people have addresses there. The mailbox counts what arrives by
// the delivery id each message carries (`X-Heli-Delivery-Id`), so that a run can check that every delivery Heli
// recorded as sent arrived, and which arrived more than once. `down(true)` is the channel's outage: the server then
// answers every connection 421 (service not available), a refusal the delivery workflows must retry, not drop.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { SMTPServer } = require('smtp-server');
const { parse, stringify } = require('yaml');
const { findFreePort } = require('../../dist/config/processes.js');

const DELIVERY_ID = /^X-Heli-Delivery-Id:[ \t]*(\S+)/im;

/** The example organisation with an e-mail address for every person, at the mailbox's own domain. */
function organisationWithAddresses(dir) {
  const org = parse(readFileSync(path.join(root, 'examples', 'organisation.yaml'), 'utf8'));
  for (const person of org.people) person.contact = { ...person.contact, email: `${person.id}@faults.example.gov.cn` };
  const file = path.join(dir, 'organisation.yaml');
  writeFileSync(file, stringify(org));
  return file;
}

/**
 * Starts the mailbox and writes the files a stack needs to deliver to it; `env` goes to the stack (the organisation
 * file and NOTICE_CHANNELS_FILE, e-mail for every notice).
 */
export async function startMailbox(label) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `heli-faults-mail-${label}-`));
  const port = await findFreePort();
  const box = { received: new Map(), refused: 0, unlabelled: 0, isDown: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      if (!box.isDown) return callback();
      box.refused += 1;
      return callback(Object.assign(new Error('服务暂不可用 (fault run: channel outage)'), { responseCode: 421 }));
    },
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const id = DELIVERY_ID.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
        if (id) box.received.set(id, (box.received.get(id) ?? 0) + 1);
        else box.unlabelled += 1;
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const channelsFile = path.join(dir, 'notice-channels.json');
  writeFileSync(
    channelsFile,
    JSON.stringify({
      baseUrl: 'http://127.0.0.1',
      email: { host: '127.0.0.1', port, secure: false, from: '合力监督平台 <heli@faults.example.gov.cn>' },
      policy: { default: ['EMAIL'] },
    }),
  );
  return {
    env: { ORG_FILE: organisationWithAddresses(dir), NOTICE_CHANNELS_FILE: channelsFile },
    box,
    down(on) {
      box.isDown = on;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until no delivery is pending (each SENT or DEAD), at most `ms`; retried deliveries wait for their backoff (a
 * workflow's retry policy) and a killed worker's activities for their timeout. Answers whether it drained.
 */
export async function drainDeliveries(db, ms) {
  for (const until = Date.now() + ms; Date.now() < until;) {
    const pending = await db.query(`SELECT count(*)::int AS n FROM notice_deliveries WHERE state = 'PENDING'`).then(
      (r) => r.rows[0].n,
      () => -1,
    );
    if (pending === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return false;
}

/**
 * Every delivery recorded SENT arrived, none arrived that Heli does not know, and none is pending or dead. Answers
 * the figures and what is wrong.
 */
export async function checkMailbox(db, box) {
  const { rows } = await db.query(`SELECT id, state FROM notice_deliveries WHERE channel = 'EMAIL'`);
  const sent = rows.filter((r) => r.state === 'SENT').map((r) => r.id);
  const known = new Set(rows.map((r) => r.id));
  const missing = sent.filter((id) => !box.received.has(id));
  const unknown = [...box.received.keys()].filter((id) => !known.has(id));
  const notSent = rows.filter((r) => r.state !== 'SENT').map((r) => `${r.id} ${r.state}`);
  const twice = [...box.received.values()].filter((n) => n > 1).length;
  const problems = [
    ...missing.map((id) => `sent but not received: ${id}`),
    ...unknown.map((id) => `received but not a delivery: ${id}`),
    ...notSent.map((d) => `not sent: ${d}`),
    ...(box.unlabelled ? [`${box.unlabelled} messages without a delivery id`] : []),
  ];
  return { deliveries: rows.length, sent: sent.length, received: box.received.size, twice, problems };
}
