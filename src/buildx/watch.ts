// Keeps an eye on the builder's remote nodes while they work. buildx waits forever on a node whose host
// vanished (its link down, no TCP reset), so the step checks each node itself and stops the build when one
// stops answering. A TCP connect is not enough: a proxy or NAT on the way may accept it for a host that is
// gone. The check speaks the node's protocol: BuildKit's gRPC server must answer HTTP/2 (after a TLS
// handshake against the node's own CA, when it has one), an SSH host must send its banner.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { NodePlan, ProbeTarget } from './nodes.js';

/** Checks `target`: resolves undefined when it answers as it should, else the reason it did not. */
export type Probe = (target: ProbeTarget, timeoutMs: number) => Promise<string | undefined>;

/** An HTTP/2 client preface and an empty SETTINGS frame: a gRPC server answers with its own SETTINGS. */
const H2_PREFACE = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]),
]);

const read = (file: string | undefined) => (file ? readFileSync(file) : undefined);

/** Speaks just enough of the node's protocol to tell a live BuildKit (or SSH) server from a gone one. */
export const protocolProbe: Probe = (target, timeoutMs) =>
  new Promise((resolve) => {
    let socket: Socket;
    let received = Buffer.alloc(0);
    const done = (reason?: string) => {
      clearTimeout(timer);
      socket?.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    try {
      if (target.kind === 'grpc' && target.tls) {
        const { cacert, cert, key, servername } = target.tls;
        socket = connectTls({
          host: target.host,
          port: target.port,
          ca: read(cacert),
          cert: read(cert),
          key: read(key),
          ...(servername ? { servername } : {}),
          ALPNProtocols: ['h2'],
        });
        socket.once('secureConnect', () => socket.write(H2_PREFACE));
      } else {
        socket = connect({ host: target.host, port: target.port });
        if (target.kind === 'grpc') socket.once('connect', () => socket.write(H2_PREFACE));
      }
    } catch (e) {
      return done((e as Error).message);
    }
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (target.kind === 'ssh') {
        if (received.length >= 4)
          done(received.subarray(0, 4).toString() === 'SSH-' ? undefined : 'no SSH banner');
      } else if (received.length >= 9) {
        // A frame header: 3 bytes length, 1 byte type (4: SETTINGS).
        done(received[3] === 4 ? undefined : 'not a BuildKit (gRPC) server');
      }
    });
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
    socket.once('close', () => done('connection closed'));
  });

export interface WatchedNode {
  name: string;
  endpoint: string;
  target: ProbeTarget;
}

/** The nodes that can be checked from here (tcp:// BuildKit, ssh:// hosts), with how to check them. */
export function watchable(nodes: NodePlan[]): WatchedNode[] {
  return nodes.flatMap((n) =>
    n.probe && n.endpoint ? [{ name: n.name, endpoint: n.endpoint, target: n.probe }] : [],
  );
}

export interface Lost {
  node: WatchedNode;
  reason: string;
}

export interface WatchOptions {
  /** Between two rounds of checks. */
  intervalMs: number;
  /** One check's deadline. */
  timeoutMs: number;
  /** Consecutive failed checks before a node counts as lost. */
  misses: number;
}

export const WATCH: WatchOptions = { intervalMs: 3000, timeoutMs: 4000, misses: 3 };

/** Checks every node once (each up to `tries` times, `timeoutMs` each): the first that does not answer. */
export async function findUnreachable(
  nodes: WatchedNode[],
  probe: Probe,
  options: { timeoutMs: number; tries: number },
): Promise<Lost | undefined> {
  const results = await Promise.all(
    nodes.map(async (node) => {
      let reason: string | undefined;
      for (let i = 0; i < options.tries; i++) {
        reason = await probe(node.target, options.timeoutMs);
        if (!reason) return undefined;
      }
      return { node, reason: reason as string };
    }),
  );
  return results.find((r) => r !== undefined);
}

/**
 * Checks `nodes` every `intervalMs` until stop(). `onLost` is called once, with the first node that failed
 * `misses` checks in a row. Returns stop(), which ends the checks.
 */
export function watchNodes(
  nodes: WatchedNode[],
  probe: Probe,
  onLost: (lost: Lost) => void,
  options: WatchOptions = WATCH,
): { stop(): void } {
  const misses = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = nodes.length === 0;
  const round = async () => {
    await Promise.all(
      nodes.map(async (node) => {
        const reason = await probe(node.target, options.timeoutMs);
        const count = reason ? (misses.get(node.name) ?? 0) + 1 : 0;
        misses.set(node.name, count);
        if (reason && count >= options.misses && !stopped) {
          stopped = true;
          onLost({ node, reason });
        }
      }),
    );
    if (!stopped) timer = setTimeout(() => void round(), options.intervalMs);
  };
  if (!stopped) timer = setTimeout(() => void round(), options.intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** How a node that stopped answering reads in the step's last line. */
export const describeLost = (lost: Lost): string =>
  `node "${lost.node.name}" at ${lost.node.endpoint} stopped answering (${lost.reason})`;
