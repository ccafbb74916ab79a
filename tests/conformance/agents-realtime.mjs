// Drives Voxgate's /v1/realtime with OpenAI's own Agents SDK (@openai/agents-realtime, WebSocket transport) the way
// an application does: an ephemeral key from /v1/realtime/client_secrets, an agent with tools, spoken turns, a tool
// round trip, barge-in, generate_reply-style responses with metadata, and history edits. Every server event is checked
// against the SDK's own event schemas and the GA types of the `openai` package (ga-schema.cjs).
//
//   node agents-realtime.mjs '{"http":"http://127.0.0.1:5000","key":"…","audio":{"question":"q.pcm",…}}'
//
// Audio files are raw PCM16 mono at 24 kHz. It is fed faster than real time: the server's clock follows the audio.
// Prints one JSON report as its last line of stdout; the C# test that starts this asserts on it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';

const require = createRequire(import.meta.url);
const schema = require('./ga-schema.cjs');
// The SDK's own zod schemas for server events (not exported; loaded by path).
const sdkEvents = require('./node_modules/@openai/agents-realtime/dist/openaiRealtimeEvents.js');

const config = JSON.parse(process.argv[2]);
const report = { failures: [], events: 0, checkedTypes: [], steps: {} };
const fail = (message) => { report.failures.push(message); console.error('FAIL ' + message); };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pcm = (name) => { const b = readFileSync(config.audio[name]); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); };

// 1. An ephemeral key, minted with the real key, binding the session's model and voice.
const minted = await fetch(`${config.http}/v1/realtime/client_secrets`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${config.key}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({
    expires_after: { anchor: 'created_at', seconds: 600 },
    session: { type: 'realtime', model: 'gpt-realtime', audio: { output: { voice: 'marin' } } },
  }),
});
const secret = await minted.json();
report.steps.secret = { status: minted.status, prefix: String(secret.value).slice(0, 3), problems: schema.checkClientSecret(secret) };
if (minted.status !== 200 || !String(secret.value).startsWith('ek_')) fail(`client secret: ${minted.status} ${JSON.stringify(secret)}`);

// 2. The agent: the receptionist's booking tools, run here by the SDK as any application's tools are.
const toolCalls = [];
const params = { type: 'object', properties: { date: { type: 'string' }, time: { type: 'string' } }, required: [], additionalProperties: true };
const agent = new RealtimeAgent({
  name: 'Front desk',
  instructions: 'You are the front desk. Be brief.',
  tools: [
    tool({ name: 'check_availability', description: 'Checks whether a slot is free.', parameters: params, strict: false,
      execute: async (args) => { toolCalls.push({ name: 'check_availability', args }); return JSON.stringify({ available: true }); } }),
    tool({ name: 'book_appointment', description: 'Books a slot.', parameters: params, strict: false,
      execute: async (args) => { toolCalls.push({ name: 'book_appointment', args }); return JSON.stringify({ booked: true, appointment_id: 'A1' }); } }),
  ],
});

const session = new RealtimeSession(agent, { transport: 'websocket', model: 'gpt-realtime' });
const events = [];
const waiters = [];
session.transport.on('*', (event) => {
  events.push(event);
  report.events++;
  for (const problem of schema.checkServerEvent(event)) fail(`GA types: ${problem}`);
  if (sdkEvents.realtimeServerEventSchema.safeParse(event).success === false) fail(`the SDK's schema refused ${event.type}: ${JSON.stringify(event).slice(0, 300)}`);
  for (const waiter of [...waiters]) if (waiter.match(event)) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(event); }
});
const interruptions = [];
session.on('audio_interrupted', () => interruptions.push(Date.now()));
session.on('error', (e) => report.steps.sdkErrors = [...(report.steps.sdkErrors ?? []), JSON.stringify(e.error?.error ?? e.error ?? e).slice(0, 300)]);

const find = (match, from = 0) => events.slice(from).find(match);
function waitFor(match, from = 0, timeoutMs = 60000) {
  const found = find(match, from);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const waiter = { match, resolve };
    waiters.push(waiter);
    setTimeout(() => { if (waiters.includes(waiter)) { waiters.splice(waiters.indexOf(waiter), 1); reject(new Error('timed out; last: ' + events.slice(-15).map((e) => e.type).join(', '))); } }, timeoutMs);
  });
}

const chunk = 24000 * 2 / 50; // 20 ms
async function send(buffer) {
  for (let offset = 0; offset < buffer.byteLength; offset += chunk) {
    session.sendAudio(buffer.slice(offset, Math.min(buffer.byteLength, offset + chunk)));
    if ((offset / chunk) % 10 === 9) await sleep(1);
  }
}
const silence = (ms) => new ArrayBuffer(24000 * 2 * ms / 1000);
async function silenceUntil(match, from, maxMs = 30000) {
  for (let sent = 0; sent < maxMs; sent += 100) {
    const found = find(match, from);
    if (found) return found;
    await send(silence(100));
    await sleep(3);
  }
  return waitFor(match, from, 60000);
}
async function say(name) { await send(silence(300)); await send(pcm(name)); }

try {
  // 3. Connect with the ephemeral key in place of a key; the bound session and the SDK's own config apply.
  await session.connect({ apiKey: secret.value, url: `${config.ws}/v1/realtime?model=gpt-realtime` });
  const created = await waitFor((e) => e.type === 'session.created');
  // The SDK sends its whole configuration on connect and a tracing update on session.created, in either order.
  const updated = await waitFor((e) => e.type === 'session.updated' && (e.session.tools ?? []).length > 0);
  report.steps.session = {
    createdVoice: created.session.audio?.output?.voice,
    model: updated.session.model,
    turnDetection: updated.session.audio?.input?.turn_detection?.type,
    transcriptionModel: updated.session.audio?.input?.transcription?.model,
    tools: (updated.session.tools ?? []).map((t) => t.name),
  };

  // 4. A spoken question, answered by voice with both transcripts.
  let mark = events.length;
  await say('question');
  const done = await silenceUntil((e) => e.type === 'response.done', mark);
  const heard = await waitFor((e) => e.type === 'conversation.item.input_audio_transcription.completed', mark);
  const said = find((e) => e.type === 'response.output_audio_transcript.done', mark);
  const audioBytes = events.slice(mark).filter((e) => e.type === 'response.output_audio.delta').reduce((n, e) => n + Buffer.from(e.delta, 'base64').length, 0);
  report.steps.question = { status: done.response.status, heard: heard.transcript, said: said?.transcript, audioMs: Math.round(audioBytes / 48) };

  // 5. A booking: the receptionist calls the tools; the SDK runs them, returns their output and asks for the reply.
  mark = events.length;
  await say('booking');
  let reply;
  for (let round = 0; round < 6 && !reply; round++) {
    const finished = await silenceUntil((e) => e.type === 'response.done', mark);
    mark = events.indexOf(finished) + 1;
    const spoken = finished.response.output.find((o) => o.type === 'message');
    const called = finished.response.output.some((o) => o.type === 'function_call');
    if (spoken && !called) reply = spoken.content?.[0]?.transcript;
  }
  report.steps.booking = { toolCalls, reply };

  // 6. Barge-in: speech over the reply; the server cancels it, the SDK truncates what it played.
  // Enough silence to end the turn, then none: flooding it would move the server's clock (and so the reply) ahead.
  mark = events.length;
  await say('question');
  await send(silence(1000));
  const firstAudio = await waitFor((e) => e.type === 'response.output_audio.delta', mark);
  await sleep(400); // some of the reply "plays"
  const interrupt = events.length;
  await say('interrupt');
  const cancelled = await silenceUntil((e) => e.type === 'response.done' && e.response.id === firstAudio.response_id, interrupt);
  const truncated = await silenceUntil((e) => e.type === 'conversation.item.truncated', interrupt);
  await silenceUntil((e) => e.type === 'response.done' && e.response.id !== firstAudio.response_id, interrupt);
  report.steps.bargeIn = {
    status: cancelled.response.status,
    reason: cancelled.response.status_details?.reason,
    truncatedItem: truncated.item_id === firstAudio.item_id,
    truncatedMs: truncated.audio_end_ms,
    interruptions: interruptions.length,
  };

  // 7. generate_reply as LiveKit sends it: response.create with metadata, waited for on response.created.
  mark = events.length;
  session.transport.sendEvent({ type: 'response.create', event_id: 'gen_1', response: { instructions: 'Greet the caller.', metadata: { client_event_id: 'gen_1' } } });
  const generated = await silenceUntil((e) => e.type === 'response.created' && e.response.metadata?.client_event_id === 'gen_1', mark);
  const generatedDone = await silenceUntil((e) => e.type === 'response.done' && e.response.id === generated.response.id, mark);

  // Out of band: no conversation, an empty context, then one item by reference.
  const userItem = find((e) => e.type === 'conversation.item.done' && e.item.role === 'user');
  session.transport.sendEvent({ type: 'response.create', response: { conversation: 'none', input: [], output_modalities: ['text'], metadata: { topic: 'empty' } } });
  const empty = await silenceUntil((e) => e.type === 'response.done' && e.response.metadata?.topic === 'empty', mark);
  session.transport.sendEvent({ type: 'response.create', response: { conversation: 'none', input: [{ type: 'item_reference', id: userItem.item.id }], output_modalities: ['text'], metadata: { topic: 'reference' } } });
  const referenced = await silenceUntil((e) => e.type === 'response.done' && e.response.metadata?.topic === 'reference', mark);
  report.steps.metadata = {
    created: generated.response.metadata,
    done: generatedDone.response.metadata,
    emptyConversation: empty.response.conversation_id ?? null,
    emptyText: empty.response.output?.[0]?.content?.[0]?.text,
    referenceText: referenced.response.output?.[0]?.content?.[0]?.text,
  };

  // 8. History edits: a removed item is deleted on the server; a user turn re-created from its transcript alone is taken.
  mark = events.length;
  const first = session.history[0];
  session.updateHistory((history) => [
    ...history.filter((item) => item.itemId !== first.itemId),
    { itemId: 'item_replayed1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', audio: null, transcript: 'i called earlier about friday' }] },
  ]);
  const deleted = await silenceUntil((e) => e.type === 'conversation.item.deleted' && e.item_id === first.itemId, mark);
  const replayed = await silenceUntil((e) => e.type === 'conversation.item.added' && e.item.id === 'item_replayed1', mark);
  report.steps.history = { deleted: deleted.item_id === first.itemId, replayedTranscript: replayed.item.content?.[0]?.transcript };
} catch (error) {
  fail(`scenario: ${error.stack ?? error}`);
}

report.errors = events.filter((e) => e.type === 'error').map((e) => `${e.error.code}: ${e.error.message}`);
report.checkedTypes = [...new Set(events.map((e) => e.type))].sort();
session.close();
await sleep(200);
console.log(JSON.stringify(report));
process.exit(0);
