// P5 baseline: Node itself, an ESM entry that writes one line.
process.stdout.write('hello\n');
