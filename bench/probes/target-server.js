// The target every contender probes: a plain Node HTTP server in its own process, so the measuring
// process does not share its event loop. Prints its port on stdout.
import { createServer } from 'node:http';

const body = JSON.stringify({ status: 'ok', version: 'bench' });
const server = createServer((req, res) => {
  const send = () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.url?.startsWith('/delay50')) setTimeout(send, 50);
  else send();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
