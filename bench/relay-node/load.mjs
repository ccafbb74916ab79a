// The load generator: N browser-like sessions, each sending a 960-byte PCM16 frame (20 ms at 24 kHz) every 20 ms from
// one shared timer, with its send time and sequence number in the first bytes, timing each frame's echo.
// Prints "measuring" when the counted window opens, "measured" when it closes, and then one JSON line of results.
// Usage: node load.mjs --url ws://127.0.0.1:PORT/ws --sessions 100 --seconds 15 [--ready session.ready|open]
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { argument } from './options.mjs';

const FrameBytes = 960;
const TickMs = 20;
const WarmUpMs = 2000;
const DrainMs = 1000;
const url = argument('--url');
const sessions = Number(argument('--sessions'));
const seconds = Number(argument('--seconds', '15'));
const ready = argument('--ready', 'session.ready');

const roundTrips = [];
let recording = false;
let sent = 0;
let received = 0;
let stalled = 0;
let sequence = 0;

function connect() {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const frame = Buffer.alloc(FrameBytes);
    const timeout = setTimeout(() => reject(new Error('no session.ready within 30 s')), 30000);
    const done = () => { clearTimeout(timeout); resolve({ socket, frame }); };
    socket.on('open', () => { if (ready === 'open') done(); });
    socket.on('error', reject);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) {
        if (data.toString().includes(`"${ready}"`)) done();
        return;
      }
      for (let offset = 0; offset + 12 <= data.length; offset += FrameBytes) {
        const number = data.readInt32LE(offset + 8);
        if (number < 0) continue;
        received++;
        roundTrips.push(performance.now() - data.readDoubleLE(offset));
      }
    });
  });
}

function tick() {
  sequence++;
  for (const client of clients) {
    if (client.socket.bufferedAmount > 0) {
      stalled++;
      continue;
    }
    client.frame.writeDoubleLE(performance.now(), 0);
    client.frame.writeInt32LE(recording ? sequence : -1, 8);
    if (recording) sent++;
    client.socket.send(client.frame, { binary: true });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const clients = [];
while (clients.length < sessions) {
  const batch = Math.min(25, sessions - clients.length);
  clients.push(...await Promise.all(Array.from({ length: batch }, connect)));
}

const timer = setInterval(tick, TickMs);
await sleep(WarmUpMs);
recording = true;
console.log('measuring');
const started = performance.now();
await sleep(seconds * 1000);
recording = false;
const elapsed = (performance.now() - started) / 1000;
console.log('measured');
clearInterval(timer);
const drainStart = performance.now();
while (received < sent && performance.now() - drainStart < DrainMs) await sleep(20);

roundTrips.sort((a, b) => a - b);
const quantile = (q) => roundTrips.length === 0 ? NaN : roundTrips[Math.min(roundTrips.length - 1, Math.floor(q * roundTrips.length))];
console.log(JSON.stringify({
  sessions, seconds: elapsed, sent, lost: Math.max(0, sent - received), stalled,
  p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99), max: roundTrips.at(-1) ?? NaN,
}));
for (const client of clients) client.socket.terminate();
process.exit(0);
