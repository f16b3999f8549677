import net from 'node:net';
import { findFreePort } from '../../config/processes';

describe('free ports for the servers tests start', () => {
  it('never hands the same port out twice, though none of them is bound in between', async () => {
    // 1,500 draws from 17,000 ports would repeat one about 66 times over if each draw stood alone.
    const ports: number[] = [];
    for (let i = 0; i < 1500; i++) ports.push(await findFreePort());
    expect(new Set(ports).size).toBe(ports.length);
    expect(Math.min(...ports)).toBeGreaterThanOrEqual(15_000);
    expect(Math.max(...ports)).toBeLessThan(32_768); // below the ephemeral range
  });

  it('skips ports something already listens on', async () => {
    // A thousand listeners in the range: a draw that ignored them would hit one about every 17th time.
    const taken: net.Server[] = [];
    const busy = new Set<number>();
    for (let port = 20_000; busy.size < 1000; port += 7) {
      const server = net.createServer();
      const bound = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => resolve(true));
      });
      if (bound) {
        taken.push(server);
        busy.add(port);
      }
    }
    try {
      const drawn: number[] = [];
      for (let i = 0; i < 300; i++) drawn.push(await findFreePort());
      expect(drawn.filter((port) => busy.has(port))).toEqual([]);
    } finally {
      await Promise.all(taken.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
