import { CreateBucketCommand, ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '../../config/processes';
import { projectRoot } from '../../config/paths';
import { attachmentsTestKit } from '../support/attachments';
import { DONGGUAN_HEAD, OFFICE } from '../support/people';
import { useTestStack } from '../support/use-test-stack';

/**
 * Issue 21 item 1: the S3 file store against a real S3-compatible server, moto's standalone server from PyPI
 * (`moto[server]`, installed into .venv by scripts/install-moto.mjs), started on a free port for this file.
 */
const bucket = 'heli-attachments';
const env: Record<string, string> = {};
let moto: ChildProcess | undefined;
let s3: S3Client;

beforeAll(async () => {
  const port = await findFreePort();
  const endpoint = `http://127.0.0.1:${port}`;
  moto = spawn(path.join(projectRoot, '.venv', 'bin', 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'heli-test', secretAccessKey: 'heli-test-secret' },
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      break;
    } catch (err) {
      if (attempt > 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  Object.assign(env, {
    FILE_STORE: 's3',
    S3_ENDPOINT: endpoint,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: 'heli-test',
    S3_SECRET_ACCESS_KEY: 'heli-test-secret',
  });
}, 60_000);

afterAll(() => {
  s3?.destroy();
  moto?.kill();
});

async function bucketContents() {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const keys = (listed.Contents ?? []).map((o) => o.Key ?? '');
  return {
    stored: keys.filter((k) => !k.includes('.staging/')),
    staging: keys.filter((k) => k.includes('.staging/')),
  };
}

describe('attachments (佐证材料) in an S3-compatible store', () => {
  const stack = useTestStack({ office: OFFICE, head: DONGGUAN_HEAD }, env);
  const kit = attachmentsTestKit(stack, bucketContents);

  kit.roundTrip();

  it('stores nothing of a refused or interrupted upload, and no multipart upload is left open', async () => {
    const taskId = await kit.newTask('东关街道雨污分流佐证材料');
    const before = (await bucketContents()).stored.length;
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100, 1)]);
    expect((await kit.upload(stack.head, taskId, elf, '说明.pdf')).status).toBe(415);
    await kit.cutOff(taskId);
    expect((await stack.head('GET', `/v1/tasks/${taskId}/attachments`)).body.items).toEqual([]);
    expect((await bucketContents()).staging).toEqual([]);
    expect((await bucketContents()).stored.length).toBe(before);
    const open = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(open.Uploads ?? []).toEqual([]);
  });
});
