// Renders Mermaid diagrams as GitHub's viewer does: the `mermaid` package's browser bundle in a real,
// headless Chromium (Debian's, installed by scripts/browser.sh). The bundle is served from node_modules over
// loopback; nothing is fetched from the internet.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '..', '..');

export interface Rendered {
  /** Why Mermaid refused the diagram (a parse or render error), if it did. */
  error?: string;
  /** The task labels as drawn, in order. */
  tasks: string[];
  /** The section titles as drawn. */
  sections: string[];
}

/** Chromium's flags that work in this sandbox-less, offline container. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:16px;background:#fff">
<div id="out" style="display:inline-block;width:1100px"></div><script src="/mermaid.min.js"></script></body>`;

/** A browser with Mermaid loaded; `close()` when done. */
export async function mermaidBrowser(): Promise<{
  render(text: string): Promise<Rendered>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}> {
  const executablePath = execFileSync('bash', [join(root, 'scripts', 'browser.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1) as string;
  const bundle = readFileSync(join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js'));
  const server: Server = createServer((req, res) => {
    if (req.url === '/mermaid.min.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath, args: FLAGS });
  const page: Page = await browser.newPage({ viewport: { width: 1140, height: 400 } });
  // Loopback only: a diagram that tried to load anything from outside would fail here, not pass silently.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  await page.goto(origin);
  await page.evaluate(() => {
    (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
    });
  });
  let n = 0;
  return {
    async render(text: string): Promise<Rendered> {
      return page.evaluate(
        async ([source, id]) => {
          // The page's globals, typed here: the project compiles without the DOM library.
          interface Node {
            innerHTML: string;
            textContent: string | null;
            querySelectorAll(selector: string): Iterable<Node>;
          }
          const page = globalThis as unknown as {
            mermaid: {
              parse(t: string): Promise<unknown>;
              render(id: string, t: string): Promise<{ svg: string }>;
            };
            document: { getElementById(id: string): Node };
          };
          const out = page.document.getElementById('out');
          out.innerHTML = '';
          try {
            await page.mermaid.parse(source);
            out.innerHTML = (await page.mermaid.render(id, source)).svg;
          } catch (e) {
            return { error: String((e as Error)?.message ?? e), tasks: [], sections: [] };
          }
          const texts = (selector: string) =>
            [...out.querySelectorAll(selector)].map((t) => (t.textContent ?? '').trim());
          return { tasks: texts('text[class*="taskText"]'), sections: texts('text[class*="sectionTitle"]') };
        },
        [text, `diagram${n++}`] as const,
      );
    },
    async screenshot(path: string): Promise<void> {
      await page.locator('#out').screenshot({ path });
    },
    async close(): Promise<void> {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
