// BuildKit nodes on this host for the e2e tests and the benchmarks (plain JavaScript: bench/ runs it too): each `buildkitd` runs in a network namespace of its own (a
// veth pair to the host, its own address), serves tcp:// with mutual TLS made here by openssl (its own CA,
// a server certificate for its address, a client certificate), and reaches the host's registry through a
// relay. A node can be cut off (its link set down) mid-build. stop() takes everything down, whatever state
// the test left it in; startNodes() first removes what a crashed earlier run left behind.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { e2eEnv } from '../../scripts/e2e-env.mjs';

/** Every namespace, link and folder this harness makes starts with this (and a 4-hex run id). */
const PREFIX = 'mab';
const NS_PATTERN = /^mab-[0-9a-f]{4}-\d+$/;
const PORT = 1234;
const RELAY = join(import.meta.dirname, 'tcp-relay.mjs');

/**
 * @typedef {object} NodeSpec
 * @property {string} name
 * @property {string} [platform] The one platform the daemon's worker reports (`--oci-worker-platform`);
 *   default: the host's.
 */

/**
 * @typedef {object} BuildkitNode
 * @property {string} name
 * @property {string} netns
 * @property {string} address The node's own address (inside its namespace).
 * @property {string} hostAddress The host's end of its link.
 * @property {string} endpoint `tcp://<address>:1234`
 * @property {{ cacert: string, cert: string, key: string }} tls The client's TLS files for this node.
 * @property {string[]} driverOpts `cacert=…`, `cert=…`, `key=…`: what buildx create --driver-opt takes.
 * @property {() => string} log The daemon's log so far.
 * @property {() => void} cut Sets the node's link down: the daemon and what it runs stay up, unreachable.
 */

/**
 * @typedef {object} NodeCluster
 * @property {BuildkitNode[]} nodes
 * @property {() => Promise<void>} stop
 */

/** @param {string[]} argv */
const run = (argv) =>
  execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** @param {string[]} argv */
const tryRun = (argv) => {
  try {
    return run(argv);
  } catch {
    return '';
  }
};

/** The buildkitd binary scripts/e2e-env.sh built (E2E_BUILDKITD). @returns {string} */
export function buildkitdBinary() {
  const binary = e2eEnv().E2E_BUILDKITD ?? '';
  if (!binary || !existsSync(binary))
    throw new Error(`no buildkitd at ${binary}: run \`bash scripts/e2e-env.sh up\` to build it`);
  return binary;
}

/** Namespaces, links and folders of earlier runs that died before their stop(). */
export function removeStaleNodes() {
  for (const line of tryRun(['ip', 'netns', 'list']).split('\n')) {
    const ns = line.split(' ')[0] ?? '';
    if (NS_PATTERN.test(ns)) removeNamespace(ns);
  }
  for (const entry of readdirSync(tmpdir()))
    if (entry.startsWith(`${PREFIX}-nodes-`)) removeDir(join(tmpdir(), entry));
  for (const line of tryRun(['ip', '-o', 'link', 'show']).split('\n')) {
    const link = /^\d+:\s+(mab[0-9a-f]{4}\d+h)[@:]/.exec(line)?.[1];
    if (link) tryRun(['ip', 'link', 'del', link]);
  }
}

/** @param {string} ns */
function removeNamespace(ns) {
  for (const pid of tryRun(['ip', 'netns', 'pids', ns]).split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  tryRun(['ip', 'netns', 'del', ns]);
}

/** Removes `dir`, after the snapshot mounts a daemon killed mid-build may leave under it. */
/** @param {string} dir */
function removeDir(dir) {
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(`${dir}/`))
    .sort()
    .reverse();
  for (const m of mounts) tryRun(['umount', '-l', m]);
  rmSync(dir, { recursive: true, force: true });
}

/** A /24 in 10.213.0.0/16 that no interface on the host uses. */
/** @param {number} count @returns {number[]} */
function freeSubnets(count) {
  const used = new Set(
    [...tryRun(['ip', '-o', '-4', 'addr']).matchAll(/inet 10\.213\.(\d+)\./g)].map((m) => Number(m[1])),
  );
  const free = [];
  for (let k = 1; k < 255 && free.length < count; k++) if (!used.has(k)) free.push(k);
  if (free.length < count) throw new Error('no free subnet in 10.213.0.0/16');
  return free;
}

/** A CA, a server certificate for `address`, and a client certificate, in `dir`. */
/** @param {string} dir @param {string} address */
function makeTls(dir, address) {
  /** @param {string} name */
  const f = (name) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run([
    'openssl',
    'req',
    '-x509',
    ...ec,
    '-days',
    '2',
    '-subj',
    `/CN=e2e node CA ${address}`,
    '-keyout',
    f('ca-key.pem'),
    '-out',
    f('ca.pem'),
  ]);
  /** @param {string} name @param {string} subject @param {string} ext */
  const sign = (name, subject, ext) => {
    run([
      'openssl',
      'req',
      ...ec,
      '-subj',
      subject,
      '-keyout',
      f(`${name}-key.pem`),
      '-out',
      f(`${name}.csr`),
    ]);
    writeFileSync(f(`${name}.ext`), ext);
    run([
      'openssl',
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.pem`),
    ]);
  };
  sign('server', `/CN=${address}`, `subjectAltName=IP:${address}\nextendedKeyUsage=serverAuth\n`);
  sign('client', '/CN=e2e client', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: f('ca.pem'),
    serverCert: f('server.pem'),
    serverKey: f('server-key.pem'),
    clientCert: f('client.pem'),
    clientKey: f('client-key.pem'),
  };
}

/** A relay on the host; close() also drops its open connections (a cut node never closes its own). */
/**
 * @param {string} listenHost @param {number} port @param {{ host: string, port: number }} target
 * @returns {Promise<{ close(): Promise<void> }>}
 */
function relayOnHost(listenHost, port, target) {
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve(undefined));
    });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, listenHost, () => resolve({ close }));
  });
}

/**
 * Resolves once `ready()`, rejects if `child` exits first or after `ms`.
 * @param {import('node:child_process').ChildProcess} child @param {string} what @param {() => boolean} ready
 * @returns {Promise<void>}
 */
function waitFor(child, what, ready, ms = 30_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready`));
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`${what} was not ready after ${ms} ms`));
      }
    }, 50);
  });
}

/**
 * Starts one BuildKit daemon per spec, each in its own namespace with its own TLS material, reaching
 * `registry` (host:port on the host's loopback) at the same address. Returns the nodes and stop(), which
 * removes every process, namespace, link and file it made. On a failure part-way, cleans up and throws.
 */
/**
 * @param {NodeSpec[]} specs @param {string} registry
 * @returns {Promise<NodeCluster>}
 */
export async function startNodes(specs, registry) {
  removeStaleNodes();
  const buildkitd = buildkitdBinary();
  const id = Math.floor(Math.random() * 0xffff)
    .toString(16)
    .padStart(4, '0');
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}-nodes-`));
  const [registryHost, registryPort] = [
    registry.slice(0, registry.lastIndexOf(':')),
    Number(registry.slice(registry.lastIndexOf(':') + 1)),
  ];
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  /** @type {Array<{ close(): Promise<void> }>} */
  const relays = [];
  /** @type {string[]} */
  const namespaces = [];
  /** @type {string[]} */
  const links = [];

  const stop = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (c) =>
          new Promise((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve(undefined);
            const kill = setTimeout(() => c.kill('SIGKILL'), 5000);
            c.once('exit', () => {
              clearTimeout(kill);
              resolve(undefined);
            });
          }),
      ),
    );
    await Promise.all(relays.map((r) => r.close()));
    for (const ns of namespaces) removeNamespace(ns);
    for (const link of links) tryRun(['ip', 'link', 'del', link]);
    removeDir(dir);
  };

  try {
    const subnets = freeSubnets(specs.length);
    /** @type {BuildkitNode[]} */
    const nodes = [];
    // One after another: a failure part-way must not leave a node still starting while stop() runs.
    for (const [i, spec] of specs.entries()) {
      const k = subnets[i];
      const netns = `${PREFIX}-${id}-${i}`;
      const hostLink = `${PREFIX}${id}${i}h`;
      const nodeLink = `${PREFIX}${id}${i}n`;
      const [hostAddress, address] = [`10.213.${k}.1`, `10.213.${k}.2`];
      const home = join(dir, spec.name);
      mkdirSync(home, { recursive: true });

      run(['ip', 'netns', 'add', netns]);
      namespaces.push(netns);
      run(['ip', 'link', 'add', hostLink, 'type', 'veth', 'peer', 'name', nodeLink]);
      links.push(hostLink);
      run(['ip', 'link', 'set', nodeLink, 'netns', netns]);
      run(['ip', 'addr', 'add', `${hostAddress}/24`, 'dev', hostLink]);
      run(['ip', 'link', 'set', hostLink, 'up']);
      run(['ip', '-n', netns, 'addr', 'add', `${address}/24`, 'dev', nodeLink]);
      run(['ip', '-n', netns, 'link', 'set', nodeLink, 'up']);
      run(['ip', '-n', netns, 'link', 'set', 'lo', 'up']);
      run(['ip', '-n', netns, 'route', 'add', 'default', 'via', hostAddress]);

      const tls = makeTls(home, address);
      // The registry: the node's 127.0.0.1:<port> → the host's end of the link → the host's 127.0.0.1.
      relays.push(await relayOnHost(hostAddress, registryPort, { host: registryHost, port: registryPort }));
      const relay = spawn(
        'nsenter',
        [`--net=/run/netns/${netns}`, process.execPath, RELAY, registry, `${hostAddress}:${registryPort}`],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      children.push(relay);
      let relayOut = '';
      relay.stdout?.on('data', (c) => (relayOut += c.toString()));
      await waitFor(relay, `the registry relay in ${netns}`, () => relayOut.includes('ready'));

      const config = join(home, 'buildkitd.toml');
      writeFileSync(config, `[registry."${registry}"]\n  http = true\n`);
      const logFile = join(home, 'buildkitd.log');
      const argv = [
        buildkitd,
        '--addr',
        `tcp://${address}:${PORT}`,
        '--root',
        join(home, 'root'),
        '--config',
        config,
        '--tlscacert',
        tls.ca,
        '--tlscert',
        tls.serverCert,
        '--tlskey',
        tls.serverKey,
        '--otel-socket-path',
        join(home, 'otel.sock'),
        '--containerd-worker',
        'false',
        '--oci-worker',
        'true',
        '--oci-worker-net',
        'host',
        ...(spec.platform ? ['--oci-worker-platform', spec.platform] : []),
      ];
      const daemon = spawn(
        'sh',
        ['-c', 'exec "$@" >"$0" 2>&1', logFile, 'nsenter', `--net=/run/netns/${netns}`, ...argv],
        {
          stdio: 'ignore',
        },
      );
      children.push(daemon);
      const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
      await waitFor(daemon, `buildkitd ${spec.name} in ${netns}`, () =>
        /running server on/.test(log()),
      ).catch((e) => {
        throw new Error(`${e.message}\n${log().slice(-2000)}`);
      });
      const client = { cacert: tls.ca, cert: tls.clientCert, key: tls.clientKey };
      nodes.push({
        name: spec.name,
        netns,
        address,
        hostAddress,
        endpoint: `tcp://${address}:${PORT}`,
        tls: client,
        driverOpts: [`cacert=${client.cacert}`, `cert=${client.cert}`, `key=${client.key}`],
        log,
        cut: () => {
          run(['ip', 'link', 'set', hostLink, 'down']);
        },
      });
    }
    return { nodes, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

const BINFMT = '/proc/sys/fs/binfmt_misc';

/**
 * Registers the host's qemu-user-static handler for `arch` (qemu name, e.g. aarch64) with the F flag, as the
 * action does, unless one is there: a node on this x86 host "natively" building a foreign platform runs it
 * through that handler. Returns true when it registered one (the caller removes it with removeEmulator).
 * @param {string} arch @returns {boolean}
 */
export function ensureEmulator(arch) {
  if (existsSync(`${BINFMT}/qemu-${arch}`)) return false;
  const text = readFileSync(`/usr/share/binfmts/qemu-${arch}`, 'utf8');
  /** @param {string} key */
  const field = (key) => new RegExp(`^${key}\\s+(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
  const flags = `F${field('preserve') === 'yes' ? 'P' : ''}${field('credentials') === 'yes' ? 'C' : ''}`;
  writeFileSync(
    `${BINFMT}/register`,
    `:qemu-${arch}:M:${field('offset') || '0'}:${field('magic')}:${field('mask')}:${field('interpreter')}:${flags}`,
  );
  return true;
}

/** @param {string} arch */
export function removeEmulator(arch) {
  if (existsSync(`${BINFMT}/qemu-${arch}`)) writeFileSync(`${BINFMT}/qemu-${arch}`, '-1');
}
