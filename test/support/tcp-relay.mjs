// A TCP relay: `node tcp-relay.mjs LISTEN_HOST:PORT TARGET_HOST:PORT`. Prints "ready" once it listens, runs
// until killed. The nodes harness starts one inside each BuildKit node's network namespace (whose 127.0.0.1
// is its own), so the daemon reaches the host's registry at the address the tests push to.
import { connect, createServer } from 'node:net';

const split = (arg) => {
  const at = arg.lastIndexOf(':');
  return { host: arg.slice(0, at), port: Number(arg.slice(at + 1)) };
};
const [listen, target] = process.argv.slice(2).map(split);
if (!listen?.port || !target?.port) {
  process.stderr.write('usage: tcp-relay.mjs LISTEN_HOST:PORT TARGET_HOST:PORT\n');
  process.exit(2);
}

const server = createServer((client) => {
  const upstream = connect(target.port, target.host);
  client.pipe(upstream).pipe(client);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});
server.listen(listen.port, listen.host, () => process.stdout.write('ready\n'));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
