// Relay capacity with the harness the capacity target was set with: a Node load generator and a Node echo upstream,
// each its own process, beside each gateway under test, all on the same machine. Gateways are compared point by point
// in one run (absolute figures move with the machine), interleaved so that drift hits them alike.
//
// Usage: node run.mjs [--voxgate LABEL=DLL[,Key=Value|env:NAME=VALUE...]]... [--floor] [--sessions 100 200 ...]
//                     [--seconds 15] [--warm-up-seconds 10] [--json]
//   --voxgate  a voxgate build to measure (default: this checkout's Release build), with configuration keys for its
//              `serve` and environment variables for its runtime; repeat to compare builds or settings.
//   --floor    also measure relay.mjs, the least a gateway must do.
// A point "holds" when the round trip's p99 is at most 20 ms and no frame is lost; capacity is the most sessions held
// with every smaller point held too.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argument, flag, values } from './options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const defaultDll = resolve(here, '../../src/Voxgate.Server/bin/Release/net10.0/linux-x64/voxgate.dll');
const sessionCounts = (values('--sessions').length ? values('--sessions') : ['100', '200', '300', '350', '400']).map(Number);
const seconds = Number(argument('--seconds', '15'));
const json = flag('--json');
const warmUpSeconds = Number(argument('--warm-up-seconds', '10'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];
const scratch = [];

function start(command, args, env = process.env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.lines = [];
  let partial = '';
  child.stdout.on('data', (chunk) => {
    const text = partial + chunk.toString();
    const lines = text.split('\n');
    partial = lines.pop();
    for (const line of lines) { child.lines.push(line); child.emit('line', line); }
  });
  child.stderr.on('data', () => {});
  return child;
}

const waitForLine = (child, test, ms = 30000) => new Promise((resolveLine, reject) => {
  const found = child.lines.find(test);
  if (found) { resolveLine(found); return; }
  const timer = setTimeout(() => reject(new Error(`no expected output from ${child.spawnargs.join(' ')}`)), ms);
  child.on('line', (line) => { if (test(line)) { clearTimeout(timer); resolveLine(line); } });
  child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${child.spawnargs[1]} exited with ${code}`)); });
});

function cpuSeconds(pid) {
  // /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 a second on Linux).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function residentMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

const freePort = () => new Promise((resolvePort) => {
  const probe = createServer().listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolvePort(port)); });
});

async function freePortOf(child) {
  return Number((await waitForLine(child, (l) => l.startsWith('listening '))).split(' ')[1]);
}

async function startVoxgate(spec, upstreamPort) {
  const [label, rest] = spec.includes('=') ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)] : [spec, ''];
  const [dll, ...extras] = (rest || defaultDll).split(',');
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'voxgate-relay-node-'));
  scratch.push(folder);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'OPENAI_API_KEY' && !k.toUpperCase().startsWith('VOXGATE__')));
  // The runtime settings docs/deployment.md gives a deployment, whatever the build's own defaults.
  env.DOTNET_gcServer = '0';
  const settings = [];
  for (const extra of extras) {
    if (extra.startsWith('env:')) { const [k, v] = extra.slice(4).split('='); env[k] = v; } else settings.push(`--${extra}`);
  }
  const child = start('dotnet', [resolve(dll), 'serve', '--urls', `http://127.0.0.1:${port}`,
    '--Upstream:Kind=custom', `--Upstream:Endpoint=http://127.0.0.1:${upstreamPort}/v1`,
    '--Gateway:MaxSessions=100000', '--Gateway:MaxSessionsPerIp=100000', '--Gateway:IdleTimeout=00:10:00',
    '--Logging:LogLevel:Default=Warning', `--Store:SqlitePath=${join(folder, 'voxgate.db')}`, `--Recording:Folder=${join(folder, 'recordings')}`,
    ...settings], env);
  for (let waited = 0; ; waited += 250) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (waited > 120000 || child.exitCode !== null) throw new Error(`${label} did not start`);
    await sleep(250);
  }
  return { label: label || 'voxgate', pid: child.pid, url: `ws://127.0.0.1:${port}/ws`, ready: 'session.ready' };
}

async function runPoint(target, sessions, echo, length = seconds) {
  const idleMb = residentMb(target.pid);
  const load = start(process.execPath, [join(here, 'load.mjs'), '--url', target.url, '--sessions', String(sessions),
    '--seconds', String(length), '--ready', target.ready]);
  await waitForLine(load, (l) => l === 'measuring', 120000);
  const before = [cpuSeconds(target.pid), cpuSeconds(echo.pid), cpuSeconds(load.pid)];
  const started = performance.now();
  await waitForLine(load, (l) => l === 'measured', (length + 60) * 1000);
  const wall = (performance.now() - started) / 1000;
  const after = [cpuSeconds(target.pid), cpuSeconds(echo.pid), cpuSeconds(load.pid)];
  const loadedMb = residentMb(target.pid);
  const result = JSON.parse(await waitForLine(load, (l) => l.startsWith('{'), 30000));
  await new Promise((r) => (load.exitCode !== null ? r() : load.on('exit', r)));
  await sleep(1000);
  return {
    target: target.label, ...result, cores: (after[0] - before[0]) / wall, harnessCores: (after[1] - before[1] + after[2] - before[2]) / wall,
    rssMb: loadedMb, perSessionKb: ((loadedMb - idleMb) * 1024) / sessions, holds: result.p99 <= 20 && result.lost === 0,
  };
}

try {
  const echo = start(process.execPath, [join(here, 'echo.mjs')]);
  const upstreamPort = await freePortOf(echo);
  const specs = values('--voxgate').length ? values('--voxgate') : [`this build=${defaultDll}`];
  const targets = [];
  for (const spec of specs) targets.push(await startVoxgate(spec, upstreamPort));
  if (flag('--floor')) {
    const relay = start(process.execPath, [join(here, 'relay.mjs'), '--upstream', `ws://127.0.0.1:${upstreamPort}/v1/realtime`]);
    targets.push({ label: 'bare Node relay', pid: relay.pid, url: `ws://127.0.0.1:${await freePortOf(relay)}/ws`, ready: 'open' });
  }

  const [one, five] = loadavg();
  console.log(`machine: ${cpus().length} cores, ${cpus()[0].model}, Node ${process.version}; load average before: ${one.toFixed(2)} ${five.toFixed(2)}`);
  if (!json) {
    console.log('| sessions | gateway | round trip p50 / p95 / p99 / max (ms) | lost | gateway CPU (cores) | harness CPU (cores) | gateway RSS (MB) | holds |');
    console.log('|---|---|---|---|---|---|---|---|');
  }
  // A fresh gateway's first seconds are spent compiling (tiered JIT): each one relays a short unmeasured load first.
  for (const target of targets) await runPoint(target, 100, echo, warmUpSeconds);
  const results = [];
  for (const sessions of sessionCounts) {
    for (const target of targets) {
      const r = await runPoint(target, sessions, echo);
      results.push(r);
      const f = (x) => x.toFixed(1);
      console.log(json ? JSON.stringify(r)
        : `| ${sessions} | ${r.target} | ${f(r.p50)} / ${f(r.p95)} / ${f(r.p99)} / ${f(r.max)} | ${r.lost} | ${r.cores.toFixed(2)} | ${r.harnessCores.toFixed(2)} | ${r.rssMb.toFixed(0)} | ${r.holds ? 'yes' : 'no'} |`);
    }
  }
  for (const target of targets) {
    let capacity = 0;
    for (const r of results.filter((x) => x.target === target.label)) { if (!r.holds) break; capacity = r.sessions; }
    console.log(`capacity, ${target.label}: ${capacity} sessions`);
  }
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await sleep(500);
  for (const folder of scratch) rmSync(folder, { recursive: true, force: true });
}
