// A counting proxy in front of dynalite, on loopback: the skill under test gets it as
// AWS_ENDPOINT_URL_DYNAMODB, so every DynamoDB call it makes is counted by its X-Amz-Target
// (GetItem, PutItem, UpdateItem, Query, ...) with no change to its code.
//
// It is a plain TCP pipe (the bytes pass unchanged, so the SigV4 signature stays valid, and it
// adds as little latency as a hop can) that reads the X-Amz-Target header of each request as the
// bytes go by. A separate HTTP control port answers `GET /__counts` with the counts since the
// last such request, and starts again from zero.
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer } from 'node:net';

const TARGET_HEADER = /x-amz-target:[ \t]*[A-Za-z0-9_]+\.([A-Za-z]+)\r\n/gi;
// Enough of the previous chunk to find a header split across two chunks.
const CARRY = 128;

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/**
 * Starts a proxy to `target` (`http://127.0.0.1:PORT`). Returns its endpoint (for the SDK), the
 * control URL (`${control}/__counts`), the counts since the start (`total()`) and `close()`.
 */
export async function startCountingProxy(target) {
  const upstream = new URL(target);
  let sinceRead = {};
  const total = {};
  const sockets = new Set();
  const count = (operation) => {
    sinceRead[operation] = (sinceRead[operation] ?? 0) + 1;
    total[operation] = (total[operation] ?? 0) + 1;
  };
  const proxy = createServer((client) => {
    const server = connect({ host: upstream.hostname, port: Number(upstream.port) });
    client.setNoDelay(true);
    server.setNoDelay(true);
    sockets.add(client);
    sockets.add(server);
    let tail = '';
    client.on('data', (chunk) => {
      const text = tail + chunk.toString('latin1');
      TARGET_HEADER.lastIndex = 0;
      let match;
      let end = 0;
      while ((match = TARGET_HEADER.exec(text)) !== null) {
        if (match.index + match[0].length > tail.length) count(match[1]);
        end = match.index + match[0].length;
      }
      tail = text.slice(Math.max(end, text.length - CARRY));
      server.write(chunk);
    });
    server.on('data', (chunk) => client.write(chunk));
    const closeBoth = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('end', () => server.end());
    server.on('end', () => client.end());
    client.on('error', closeBoth);
    server.on('error', closeBoth);
    client.on('close', closeBoth);
    server.on('close', closeBoth);
  });
  const control = createHttpServer((req, res) => {
    if (req.method === 'GET' && req.url === '/__counts') {
      const body = JSON.stringify(sinceRead);
      sinceRead = {};
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  const [proxyPort, controlPort] = await Promise.all([listen(proxy), listen(control)]);
  return {
    endpoint: `http://127.0.0.1:${proxyPort}`,
    control: `http://127.0.0.1:${controlPort}`,
    total: () => ({ ...total }),
    close: () =>
      new Promise((done) => {
        for (const socket of sockets) socket.destroy();
        control.closeAllConnections();
        let open = 2;
        const one = () => {
          open -= 1;
          if (open === 0) done();
        };
        proxy.close(one);
        control.close(one);
      }),
  };
}

/** Sums the counts of one `/__counts` answer. */
export function sumCounts(counts) {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
