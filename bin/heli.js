#!/usr/bin/env node
// Entry point of `npx heli`; the code is compiled to dist/ by `npm install` / `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'heli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('heli：尚未构建，请先运行 npm install（或 npm run build）\n');
  process.exit(1);
}
require(entry);
