// The calls dashboard: reads /api (with the admin token when the server wants one) and draws with Chart.js.
'use strict';

const state = { token: sessionStorage.getItem('voxgate.adminToken') || '', calls: [], call: null, charts: {}, blobUrl: null };
// Test hooks: what the page has loaded, for Playwright and for people poking at the console.
window.voxgateDashboard = { callsLoaded: false, appointmentsLoaded: false, detailLoaded: null, playing: null };

const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    $('token-form').hidden = false;
    throw new Error('This server wants an admin token (Dashboard:AdminTokens).');
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  return response;
}

function showError(error) {
  $('error').textContent = error.message || String(error);
  $('error').hidden = false;
}

const fmtTime = (iso) => new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
const fmtMs = (ms) => ms == null ? '—' : ms >= 60000 ? `${Math.floor(ms / 60000)} min ${Math.round(ms / 1000) % 60} s` : `${(ms / 1000).toFixed(1)} s`;
const fmtSentiment = (s) => s == null ? '—' : s.toFixed(2);
const tone = (s) => s == null ? '' : s <= -0.1 ? 'neg' : s >= 0.1 ? 'pos' : '';

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function loadCalls() {
  const form = new FormData($('filters'));
  const query = new URLSearchParams({ pageSize: '500' });
  for (const [key, value] of form) if (value !== '') query.set(key, value);
  const page = await (await api(`/api/calls?${query}`)).json();
  state.calls = page.items;
  const body = $('calls').tBodies[0];
  body.replaceChildren();
  for (const call of page.items) {
    const row = body.insertRow();
    row.dataset.id = call.id;
    cell(row, fmtTime(call.startedAt));
    cell(row, fmtMs(call.durationMs));
    cell(row, call.outcome || call.analysisStatus || 'open');
    cell(row, fmtSentiment(call.sentiment), `sentiment ${tone(call.sentiment)}`);
    cell(row, call.intent == null ? '—' : String(call.intent), 'intent');
    cell(row, call.summary || '');
    row.addEventListener('click', () => openCall(call.id).catch(showError));
  }
  $('calls-empty').hidden = page.items.length > 0;
  drawTrends(page.items);
  window.voxgateDashboard.callsLoaded = true;
}

function chart(id, config) {
  state.charts[id]?.destroy();
  state.charts[id] = new Chart($(id), config);
}

function drawTrends(calls) {
  const days = new Map();
  for (const call of calls) {
    const day = call.startedAt.slice(0, 10);
    const d = days.get(day) || { calls: 0, sentiment: [], intent: [] };
    d.calls++;
    if (call.sentiment != null) d.sentiment.push(call.sentiment);
    if (call.intent != null) d.intent.push(call.intent);
    days.set(day, d);
  }
  const labels = [...days.keys()].sort();
  const mean = (xs) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  const options = (min, max) => ({ animation: false, plugins: { legend: { display: false } }, scales: { y: { min, max } } });
  chart('chart-calls', { type: 'bar', data: { labels, datasets: [{ data: labels.map(l => days.get(l).calls), backgroundColor: '#3a5bd9' }] }, options: options(0) });
  chart('chart-sentiment', { type: 'line', data: { labels, datasets: [{ data: labels.map(l => mean(days.get(l).sentiment)), borderColor: '#1e7b34', spanGaps: true }] }, options: options(-1, 1) });
  chart('chart-intent', { type: 'line', data: { labels, datasets: [{ data: labels.map(l => mean(days.get(l).intent)), borderColor: '#b36b00', spanGaps: true }] }, options: options(0, 100) });
}

async function loadAppointments() {
  const today = await (await api('/api/appointments')).json();
  const page = await (await api(`/api/appointments?from=${today.today}&to=${today.today}`)).json();
  const body = $('appointments').tBodies[0];
  body.replaceChildren();
  for (const a of page.items) {
    const row = body.insertRow();
    cell(row, a.time); cell(row, a.reference); cell(row, a.name); cell(row, a.service || ''); cell(row, a.status);
  }
  $('appointments-empty').hidden = page.items.length > 0;
  window.voxgateDashboard.appointmentsLoaded = true;
}

async function openCall(id) {
  const detail = await (await api(`/api/calls/${encodeURIComponent(id)}`)).json();
  state.call = detail;
  for (const row of $('calls').tBodies[0].rows) row.classList.toggle('selected', row.dataset.id === id);
  const c = detail.call;
  $('call').hidden = false;
  $('call-title').textContent = `Call ${fmtTime(c.startedAt)}`;
  $('call-meta').textContent = `${c.transport} · ${c.upstreamKind}${c.upstreamModel ? ` (${c.upstreamModel})` : ''} · ${fmtMs(c.durationMs)} · ended: ${c.endReason || 'open'}${c.closeCode ? ` (${c.closeCode})` : ''} · ${detail.usage.inputTokens + detail.usage.outputTokens} tokens`;

  const transcript = $('transcript');
  transcript.replaceChildren();
  for (const turn of detail.turns) {
    const li = document.createElement('li');
    li.dataset.role = turn.role;
    li.dataset.start = turn.startMs;
    li.dataset.end = turn.endMs ?? turn.startMs;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = `${turn.role} ${fmtMs(turn.startMs)}`;
    li.append(who, document.createTextNode(turn.text));
    if (turn.interrupted) {
      const cut = document.createElement('span');
      cut.className = 'cut';
      cut.textContent = ` (cut off after ${fmtMs(turn.cutOffMs)})`;
      li.append(cut);
    }
    li.addEventListener('click', () => { const p = $('player'); if (p.src) { p.currentTime = turn.startMs / 1000; p.play(); } });
    transcript.append(li);
  }

  const a = detail.analysis;
  const scores = $('scores');
  scores.replaceChildren();
  const row = (k, v, className) => { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd'); dd.textContent = v; if (className) dd.className = className; scores.append(dt, dd); };
  row('Status', a ? a.status + (a.error ? `: ${a.error}` : '') : 'not scored');
  if (a && a.status === 'done') {
    row('Sentiment', fmtSentiment(a.sentiment), `sentiment ${tone(a.sentiment)}`);
    row('Intent', String(a.intent), 'intent');
    row('Outcome', a.outcome, 'outcome');
    row('Summary', a.summary);
    row('Scorer', a.scorer);
  }
  const evidence = $('evidence');
  evidence.replaceChildren();
  for (const e of a?.evidence || []) {
    const li = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = `${e.score} · ${e.signal} (${e.score === 'intent' ? (e.weight > 0 ? '+' : '') + e.weight : e.weight.toFixed(2)}): `;
    li.append(label, document.createTextNode(e.text));
    evidence.append(li);
  }
  const tools = $('tools');
  tools.replaceChildren();
  for (const t of detail.tools) {
    const li = document.createElement('li');
    li.textContent = `${t.name}(${JSON.stringify(t.arguments)}) → ${t.result ? JSON.stringify(t.result) : 'no result'}`;
    tools.append(li);
  }

  const answered = detail.turns.filter(t => t.role === 'agent' && t.latency);
  chart('chart-latency', {
    type: 'bar',
    data: {
      labels: answered.map(t => `turn ${t.seq}`),
      datasets: [
        { label: 'transcript', data: answered.map(t => t.latency.transcriptMs), backgroundColor: '#9aa5b1' },
        { label: 'sent', data: answered.map(t => t.latency.sentMs), backgroundColor: '#3a5bd9' },
        { label: 'heard', data: answered.map(t => t.latency.heardMs), backgroundColor: '#b36b00' },
      ],
    },
    options: { animation: false, scales: { y: { min: 0 } } },
  });

  await loadRecording(c);
  window.voxgateDashboard.detailLoaded = id;
}

async function loadRecording(call) {
  const player = $('player');
  if (state.blobUrl) { URL.revokeObjectURL(state.blobUrl); state.blobUrl = null; }
  player.removeAttribute('src');
  $('no-recording').hidden = call.hasRecording;
  player.hidden = !call.hasRecording;
  if (!call.hasRecording) return;
  const url = `/api/calls/${encodeURIComponent(call.id)}/recording`;
  if (state.token) {
    // An <audio> element cannot send the token, so the file is fetched and played from memory.
    state.blobUrl = URL.createObjectURL(await (await api(url)).blob());
    player.src = state.blobUrl;
  } else {
    player.src = url;
  }
}

// The transcript follows the player: the turn being heard is highlighted and kept in view.
$('player').addEventListener('timeupdate', () => {
  const ms = $('player').currentTime * 1000;
  let playing = null;
  for (const li of $('transcript').children) {
    const on = ms >= Number(li.dataset.start) && ms <= Number(li.dataset.end);
    li.classList.toggle('playing', on);
    if (on) playing = li;
  }
  if (playing) playing.scrollIntoView({ block: 'nearest' });
  window.voxgateDashboard.playing = playing ? playing.textContent : null;
});

$('rescore').addEventListener('click', async () => {
  try {
    await api(`/api/calls/${encodeURIComponent(state.call.call.id)}/rescore`, { method: 'POST' });
    setTimeout(() => openCall(state.call.call.id).catch(showError), 1500);
  } catch (e) { showError(e); }
});

$('delete').addEventListener('click', async () => {
  if (!confirm('Delete this call and its recording?')) return;
  try {
    await api(`/api/calls/${encodeURIComponent(state.call.call.id)}`, { method: 'DELETE' });
    $('call').hidden = true;
    await loadCalls();
  } catch (e) { showError(e); }
});

$('filters').addEventListener('submit', (e) => { e.preventDefault(); loadCalls().catch(showError); });
$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  state.token = $('token').value.trim();
  sessionStorage.setItem('voxgate.adminToken', state.token);
  $('error').hidden = true;
  start();
});

function start() {
  loadCalls().catch(showError);
  loadAppointments().catch(showError);
}

start();
