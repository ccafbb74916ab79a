// Gapless playback of the agent's 24 kHz PCM16: a ring buffer (the jitter buffer) fed by the main thread,
// resampled to the context rate, with the samples actually played counted per assistant item and reported.
import { PolyphaseResampler } from "./resampler.js";

const INPUT_RATE = 24000;
const RING_SAMPLES = 1 << 21;                 // ~87 s at 24 kHz: a whole reply arrives faster than real time
const PREBUFFER_SAMPLES = INPUT_RATE * 0.06;  // start once 60 ms are queued…
const PREBUFFER_WAIT_S = 0.12;                // …or 120 ms after the first frame, for very short replies
const REPORT_SAMPLES = INPUT_RATE / 10;       // a playback report every 100 ms of audio played
const CHUNK = 64;                             // 24 kHz samples pulled through the resampler at a time

const toMs = (samples) => Math.round((samples * 1000) / INPUT_RATE);

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ring = new Int16Array(RING_SAMPLES);
    this.writePos = 0;  // absolute sample counts; the ring index is pos % RING_SAMPLES
    this.readPos = 0;
    this.segments = []; // [{ id, start }]: the item each run of samples belongs to, by write position
    this.played = new Map(); // item id → samples played
    this.sinceReport = 0;
    this.state = "idle"; // idle → buffering → playing → (draining) → idle
    this.bufferingSince = 0;
    this.samplesPlayed = 0;
    this.flushes = 0;
    this.overruns = 0;

    this.resampler = new PolyphaseResampler(INPUT_RATE, sampleRate);
    this.chunk = new Float32Array(CHUNK);
    this.fifo = new Float32Array(this.resampler.maxOutput(CHUNK) + 256);
    this.fifoStart = 0;
    this.fifoEnd = 0;
    this.tail = 0; // zeros still to push through the filter after the ring empties

    this.port.onmessage = (e) => this.onMessage(e.data);
  }

  onMessage(msg) {
    switch (msg.type) {
      case "item":
        this.segments.push({ id: msg.id, start: this.writePos });
        break;
      case "audio":
        this.write(new Int16Array(msg.pcm));
        break;
      case "flush":
        this.flush(msg.reason);
        break;
    }
  }

  write(pcm) {
    const free = RING_SAMPLES - (this.writePos - this.readPos);
    let n = pcm.length;
    if (n > free) {
      this.overruns++;
      n = free;
    }
    for (let i = 0; i < n; i++) this.ring[(this.writePos + i) % RING_SAMPLES] = pcm[i];
    this.writePos += n;
    if (this.state === "idle" && n > 0) {
      this.state = "buffering";
      this.bufferingSince = currentTime;
    }
  }

  currentItem() {
    // Drop segments the read position has passed; the first one left is the item being played.
    while (this.segments.length > 1 && this.segments[1].start <= this.readPos) {
      this.report(this.segments[0].id, true);
      this.played.delete(this.segments[0].id);
      this.segments.shift();
    }
    return this.segments.length > 0 && this.segments[0].start <= this.readPos ? this.segments[0].id : null;
  }

  report(id, final) {
    this.sinceReport = 0;
    if (id == null) return;
    this.port.postMessage({
      type: "playback",
      item_id: id,
      played_ms: toMs(this.played.get(id) ?? 0),
      final,
      samplesPlayed: this.samplesPlayed,
    });
  }

  flush(reason) {
    const queued = this.writePos - this.readPos;
    const audible = this.state !== "idle" || queued > 0 || this.fifoEnd > this.fifoStart;
    const id = this.segments.length > 0 ? this.currentItem() : null;
    if (audible) {
      this.flushes++;
      this.report(id, true);
    }
    this.readPos = this.writePos;
    this.segments = [];
    this.played.clear();
    this.fifoStart = this.fifoEnd = 0;
    this.tail = 0;
    this.resampler.reset();
    this.state = "idle";
    this.port.postMessage({
      type: "flushed",
      reason,
      audible,
      item_id: id,
      discarded_ms: toMs(queued),
      flushes: this.flushes,
      samplesPlayed: this.samplesPlayed,
    });
  }

  // Pulls up to CHUNK samples from the ring (or the filter's zero tail) through the resampler into the FIFO.
  refill() {
    const queued = this.writePos - this.readPos;
    let n;
    if (queued > 0) {
      const id = this.currentItem();
      n = Math.min(CHUNK, queued);
      // Stop a chunk at the next item's first sample so every sample is counted to its own item.
      if (this.segments.length > 1) n = Math.min(n, this.segments[1].start - this.readPos);
      for (let i = 0; i < n; i++) this.chunk[i] = this.ring[(this.readPos + i) % RING_SAMPLES] / 32768;
      this.readPos += n;
      this.samplesPlayed += n;
      this.sinceReport += n;
      if (id != null) this.played.set(id, (this.played.get(id) ?? 0) + n);
      this.tail = this.resampler.passthrough ? 0 : this.resampler.K;
      if (this.sinceReport >= REPORT_SAMPLES) this.report(id, false);
    } else if (this.tail > 0) {
      n = Math.min(CHUNK, this.tail);
      this.chunk.fill(0, 0, n);
      this.tail -= n;
    } else {
      return false;
    }
    this.fifoStart = 0;
    this.fifoEnd = this.resampler.process(this.chunk.subarray(0, n), this.fifo);
    return true;
  }

  process(_inputs, outputs) {
    const out = outputs[0][0];
    let filled = 0;

    if (this.state === "buffering") {
      const queued = this.writePos - this.readPos;
      if (queued >= PREBUFFER_SAMPLES || currentTime - this.bufferingSince >= PREBUFFER_WAIT_S) this.state = "playing";
    }

    while (filled < out.length && this.state === "playing") {
      if (this.fifoEnd > this.fifoStart) {
        const n = Math.min(out.length - filled, this.fifoEnd - this.fifoStart);
        out.set(this.fifo.subarray(this.fifoStart, this.fifoStart + n), filled);
        this.fifoStart += n;
        filled += n;
      } else if (!this.refill()) {
        // The ring ran dry: the item ended, or the network fell behind (an underrun).
        const id = this.segments.length > 0 ? this.currentItem() : null;
        this.report(id, true);
        this.state = "idle";
        this.resampler.reset();
      }
    }
    if (filled < out.length) out.fill(0, filled);
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(out);
    return true;
  }
}

registerProcessor("voxgate-playback", PlaybackProcessor);
