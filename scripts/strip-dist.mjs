// ncc writes a package.json-less dist; the bundle is ESM, so mark the folder as a module for Node.
import { writeFileSync } from 'node:fs';
writeFileSync(new URL('../dist/package.json', import.meta.url), '{ "type": "module" }\n');
