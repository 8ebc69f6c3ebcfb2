// rollback checks the old version's servers before traffic moves: a unix socket target is checked over the socket,
// like host:port ones (it used to count as healthy unchecked, and nginx then answered 502).
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createNetTransport } from '@shipgate/net';
import { checkServers } from '../../actions/rollback/src/health.js';
import { createTempDir } from '../support/services/index.js';

describe('checkServers with unix socket targets', () => {
  it('is healthy only when the socket answers the health path with 2xx or 3xx', async () => {
    const dir = createTempDir('rollback-socket');
    onTestFinished(() => dir.remove());
    const socket = join(dir.path, 'app.sock');
    const server = createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 503).end());
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    using transport = createNetTransport();
    const health = await checkServers(
      [`unix:${socket}`, `unix:${join(dir.path, 'missing.sock')}`],
      '/health',
      transport,
      2000,
    );
    expect(health).toEqual([
      { target: `unix:${socket}`, healthy: true, reason: 'HTTP 200' },
      { target: `unix:${join(dir.path, 'missing.sock')}`, healthy: false, reason: 'the socket does not exist' },
    ]);
    const wrongPath = await checkServers([`unix:${socket}`], '/ready', transport, 2000);
    expect(wrongPath[0]).toMatchObject({ healthy: false, reason: 'HTTP 503' });
  });
});
