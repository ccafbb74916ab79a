// Voxgate's page: Start/Stop a voice session over /ws (docs/protocol.md), live captions, playback and barge-in.
import { AudioEngine, MicrophoneError, audioSupportProblem } from "./audio.js";
import { Captions, formatMs } from "./captions.js";

const $ = (id) => document.getElementById(id);
const ui = {
  start: $("start"),
  startLabel: $("start-label"),
  interrupt: $("interrupt"),
  status: $("status"),
  statusText: $("status-text"),
  meter: $("mic-meter"),
  meterFill: $("mic-meter").querySelector(".fill"),
  agent: $("agent-state"),
  latency: $("latency"),
  upstream: $("upstream"),
  error: $("error"),
  errorText: $("error-text"),
  errorClose: $("error-close"),
  log: $("log"),
  form: $("text-form"),
  text: $("text-input"),
  send: $("text-send"),
};
const captions = new Captions(ui.log);

const MAX_PENDING_FRAMES = 100; // 2 s of microphone kept while the session opens
const MAX_SOCKET_BACKLOG = 64 * 1024; // bytes; beyond this the network is not keeping up and frames are dropped
const READY_TIMEOUT_MS = 8000;

// Test and diagnostics hooks; nothing on the page depends on them.
const stats = { framesSent: 0, framesDropped: 0, samplesPlayed: 0, flushes: 0, lastLatencyMs: null, playbackReports: 0, lastFlush: null };
const voxgate = { state: "idle", sessionId: null, upstream: null, sampleRate: null, stats, events: [] };
window.voxgate = voxgate;

const STATUS_TEXT = { idle: "Not connected", connecting: "Connecting…", live: "Live", closed: "Call ended", error: "Disconnected" };

function setState(state) {
  voxgate.state = state;
  ui.status.dataset.state = state;
  ui.statusText.textContent = STATUS_TEXT[state];
  const active = state === "connecting" || state === "live";
  ui.start.classList.toggle("active", active);
  ui.startLabel.textContent = active ? "Stop" : "Start";
  ui.start.setAttribute("aria-label", active ? "Stop the conversation" : "Start a conversation");
  ui.text.disabled = ui.send.disabled = state !== "live";
  if (!active) {
    setAgent("idle");
    showLevel(0);
  }
}

function setAgent(state) {
  const words = { idle: "Idle", listening: "Listening", thinking: "Thinking…", speaking: "Speaking" };
  ui.agent.dataset.state = state;
  ui.agent.textContent = words[state];
  ui.interrupt.disabled = state !== "speaking" && state !== "thinking";
}

function showError(text, kind = "error") {
  ui.error.hidden = false;
  ui.error.dataset.kind = kind;
  ui.errorText.textContent = text;
}

function clearError() {
  ui.error.hidden = true;
  ui.errorText.textContent = "";
}

// Mic level: dBFS mapped onto 0–100 over a 60 dB range, with a quick rise and a slow fall.
let level = 0, levelTarget = 0, levelFrame = 0;
function showLevel(rms) {
  const db = 20 * Math.log10(rms + 1e-9);
  levelTarget = Math.max(0, Math.min(100, ((db + 60) / 60) * 100));
  if (!levelFrame) levelFrame = requestAnimationFrame(drawLevel);
}
function drawLevel() {
  levelFrame = 0;
  level = levelTarget > level ? levelTarget : level * 0.85 + levelTarget * 0.15;
  ui.meterFill.style.transform = `scaleX(${(level / 100).toFixed(3)})`;
  ui.meter.setAttribute("aria-valuenow", String(Math.round(level)));
  ui.meter.setAttribute("aria-valuetext", level < 5 ? "silent" : level < 50 ? "quiet" : "speaking");
  if (Math.abs(level - levelTarget) > 0.5) levelFrame = requestAnimationFrame(drawLevel);
}

function socketUrl() {
  const url = new URL("ws", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  const token = new URLSearchParams(location.search).get("token");
  if (token) url.searchParams.set("token", token);
  return url;
}

function errorEventText(msg) {
  return msg.message || `The server reported an error (${msg.code ?? "unknown"}).`;
}

class Session {
  constructor() {
    this.stopping = false;
    this.opened = false;
    this.ready = false;
    this.pending = [];
    this.currentItem = null;
    this.droppedItem = null; // audio for this item arrived after a flush: the listener must not hear it
    this.lastServerError = null;
    this.pendingTyped = null;
    this.audio = new AudioEngine({
      onFrame: (buf) => this.sendFrame(buf),
      onLevel: (rms) => showLevel(rms),
      onPlayback: (msg) => this.onPlayback(msg),
      onMicrophoneEnded: () => this.fail("The microphone was disconnected."),
    });
    voxgate.sampleRate = this.audio.sampleRate;
  }

  async start() {
    setState("connecting");
    clearError();
    this.connect();
    try {
      await this.audio.openPlayback();
      await this.audio.openMicrophone();
    } catch (error) {
      this.fail(error instanceof MicrophoneError ? error.message : `Audio could not start: ${error.message || error}`);
    }
  }

  connect() {
    const ws = new WebSocket(socketUrl());
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onopen = () => {
      this.opened = true;
      this.readyTimer = setTimeout(() => {
        if (!this.ready) this.fail("The server accepted the connection but did not start a session. Try again in a moment.");
      }, READY_TIMEOUT_MS);
    };
    ws.onmessage = (e) => {
      if (this.stopping) return;
      if (typeof e.data === "string") this.onEvent(e.data);
      else this.onAudio(e.data);
    };
    ws.onclose = (e) => this.onClose(e);
  }

  send(obj) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(obj));
  }

  sendFrame(buf) {
    if (this.stopping) return;
    if (!this.ready) {
      this.pending.push(buf);
      if (this.pending.length > MAX_PENDING_FRAMES) this.pending.shift();
      return;
    }
    if (this.ws.bufferedAmount > MAX_SOCKET_BACKLOG) {
      stats.framesDropped++;
      return;
    }
    this.ws.send(buf);
    stats.framesSent++;
  }

  onAudio(buf) {
    if (this.currentItem !== null && this.currentItem === this.droppedItem) return;
    this.audio.play(buf);
  }

  onEvent(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    // The tutorial's final transcript has no type.
    const type = msg.type ?? (msg.role && typeof msg.text === "string" ? "transcript" : "unknown");
    voxgate.events.push(type);
    if (voxgate.events.length > 500) voxgate.events.splice(0, 100);

    switch (type) {
      case "session.ready":
        this.ready = true;
        clearTimeout(this.readyTimer);
        voxgate.sessionId = msg.session_id ?? null;
        voxgate.upstream = msg.upstream ?? null;
        ui.upstream.textContent = [msg.upstream, msg.voice].filter(Boolean).join(" · ") || "–";
        setState("live");
        setAgent("listening");
        for (const buf of this.pending.splice(0)) this.sendFrame(buf);
        break;
      case "speech.started":
        // Barge-in: silence the agent at once and ignore what is still in flight for its item.
        this.cut("speech.started");
        captions.listening(msg.item_id);
        setAgent("listening");
        break;
      case "speech.stopped":
        setAgent("thinking");
        break;
      case "transcript.partial":
        captions.userPartial(msg.item_id, msg.text ?? "");
        break;
      case "transcript.delta":
        captions.assistantDelta(msg.item_id, msg.delta ?? "");
        break;
      case "transcript":
        if (msg.role === "user") {
          if (this.pendingTyped !== null && same(msg.text, this.pendingTyped)) {
            this.pendingTyped = null; // already shown as typed
          } else {
            captions.userFinal(msg.item_id, msg.text ?? "");
          }
        } else {
          captions.assistantFinal(msg.item_id, msg.text ?? "");
        }
        break;
      case "audio.started":
        this.currentItem = msg.item_id ?? null;
        this.droppedItem = null;
        this.audio.beginItem(this.currentItem);
        captions.assistantStarted(msg.item_id);
        break;
      case "response.done":
        if (Number.isFinite(msg.latency_ms)) {
          stats.lastLatencyMs = msg.latency_ms;
          ui.latency.textContent = formatMs(msg.latency_ms);
        }
        captions.latency(msg.latency_ms, msg.status);
        if (ui.agent.dataset.state === "thinking" && msg.status !== "completed") setAgent("listening");
        break;
      case "interrupted":
        this.cut("interrupted");
        captions.interrupted(msg.item_id, msg.played_ms);
        break;
      case "tool":
        captions.tool(msg);
        break;
      case "error":
        this.lastServerError = msg;
        showError(errorEventText(msg), "warning");
        break;
      default:
        break;
    }
  }

  cut(reason) {
    this.droppedItem = this.currentItem;
    this.audio.flush(reason);
  }

  onPlayback(msg) {
    if (msg.type === "playback") {
      stats.samplesPlayed = msg.samplesPlayed;
      stats.playbackReports++;
      this.send({ type: "playback", item_id: msg.item_id, played_ms: msg.played_ms });
      if (!msg.final) setAgent("speaking");
      else if (ui.agent.dataset.state === "speaking") setAgent("listening");
    } else if (msg.type === "flushed") {
      stats.samplesPlayed = msg.samplesPlayed;
      stats.flushes = msg.flushes;
      if (msg.audible) stats.lastFlush = { reason: msg.reason, item_id: msg.item_id, discarded_ms: msg.discarded_ms };
      if (ui.agent.dataset.state === "speaking") setAgent("listening");
    }
  }

  interrupt() {
    this.send({ type: "interrupt" });
    this.cut("interrupt");
    setAgent("listening");
  }

  sendText(text) {
    this.pendingTyped = text;
    this.send({ type: "text", text });
    captions.typed(text);
    setAgent("thinking");
  }

  async onClose(e) {
    clearTimeout(this.readyTimer);
    if (this.stopping) return;
    const message = await closeMessage(e, this.opened, this.lastServerError);
    this.end(e.code === 1000 ? "closed" : "error", message, e.code === 1000 ? "info" : "error");
  }

  fail(message) {
    if (this.stopping) return;
    this.end("error", message, "error");
  }

  stop() {
    this.end("idle");
  }

  end(state, message, kind) {
    if (this.stopping) return;
    this.stopping = true;
    clearTimeout(this.readyTimer);
    this.audio.flush("stop");
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close(1000, "bye");
    this.audio.close();
    if (session === this) session = null;
    setState(state);
    if (message) showError(message, kind);
  }
}

function same(a, b) {
  const norm = (s) => String(s ?? "").trim().toLowerCase().replace(/[^\p{L}\p{N} ]/gu, "");
  return norm(a) === norm(b);
}

async function closeMessage(e, opened, serverError) {
  switch (e.code) {
    case 1013:
      return "Voxgate is busy right now: every line is in use. Please try again in a minute.";
    case 1000:
      return serverError ? errorEventText(serverError) : "The call ended.";
    case 1008:
      return serverError ? errorEventText(serverError) : "The server ended the call (it was idle too long, or the connection could not keep up).";
    case 1009:
      return serverError ? errorEventText(serverError) : "The server refused an audio frame as too large.";
    case 1001:
      return "The server is restarting. Press Start again in a moment.";
    case 1011:
      return serverError ? errorEventText(serverError) : "The voice model stopped responding. Please try again.";
  }
  if (opened) return serverError ? errorEventText(serverError) : "The connection to the server was lost. Press Start to reconnect.";
  // The browser hides why an upgrade failed; ask the server whether it is there at all.
  try {
    const response = await fetch(new URL("healthz", location.href), { cache: "no-store" });
    if (response.ok || response.status === 503) {
      return "The server refused the connection: it may need an access token (add ?token=… to this page's address), or this page's address is not allowed.";
    }
  } catch {
    // unreachable: fall through
  }
  return `Can't reach the Voxgate server at ${location.host}. Check that it is running and try again.`;
}

let session = null;

ui.start.addEventListener("click", () => {
  if (session) {
    session.stop();
    return;
  }
  const problem = audioSupportProblem();
  if (problem) {
    showError(problem);
    return;
  }
  session = new Session();
  session.start();
});

ui.interrupt.addEventListener("click", () => session?.interrupt());
ui.errorClose.addEventListener("click", clearError);

ui.form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = ui.text.value.trim();
  if (!text || !session || voxgate.state !== "live") return;
  session.sendText(text);
  ui.text.value = "";
});

document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && session && ui.agent.dataset.state === "speaking") session.interrupt();
});

setState("idle");
