#!/usr/bin/env node
// Installs npm packages when node_modules is missing or older than package-lock.json.
// Plain CommonJS so it runs before anything is installed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

const modules = path.join(root, 'node_modules');
const marker = path.join(modules, '.installed-lock-sha256');

function lockHash() {
  return require('node:crypto').createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
}

/** node_modules is missing, or was installed from another package-lock.json than the one here. */
function stale() {
  if (!fs.existsSync(installed)) return true;
  // A linked node_modules (a second work tree sharing one install) is managed where it lives.
  if (fs.lstatSync(modules).isSymbolicLink()) return false;
  if (fs.existsSync(marker)) return fs.readFileSync(marker, 'utf8').trim() !== lockHash();
  return fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs + 1000;
}

if (stale()) {
  process.stdout.write('installing npm packages (npm ci)...\n');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
if (!fs.lstatSync(modules).isSymbolicLink()) fs.writeFileSync(marker, `${lockHash()}\n`);
