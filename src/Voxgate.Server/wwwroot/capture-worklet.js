// Microphone → 24 kHz PCM16: resamples the context-rate input with a polyphase windowed-sinc low-pass and
// posts 20 ms frames (480 samples, 960 bytes, little-endian) to the main thread, with the frame's level.
import { PolyphaseResampler } from "./resampler.js";

const OUTPUT_RATE = 24000;
const FRAME_SAMPLES = 480;
// Int16Array is little-endian on every platform a browser runs on, so its buffer is the wire format as is.

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.resampler = new PolyphaseResampler(sampleRate, OUTPUT_RATE);
    this.mono = new Float32Array(128);
    this.resampled = new Float32Array(this.resampler.maxOutput(128));
    this.newFrame();
  }

  newFrame() {
    this.frame = new Int16Array(FRAME_SAMPLES);
    this.filled = 0;
    this.sumSquares = 0;
    this.peak = 0;
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true; // no input connected yet (or the track ended)

    const n = channels[0].length;
    if (this.mono.length !== n) {
      this.mono = new Float32Array(n);
      this.resampled = new Float32Array(this.resampler.maxOutput(n));
    }
    if (channels.length === 1) {
      this.mono.set(channels[0]);
    } else {
      this.mono.fill(0);
      for (const ch of channels) for (let i = 0; i < n; i++) this.mono[i] += ch[i] / channels.length;
    }

    const count = this.resampler.process(this.mono, this.resampled);
    for (let i = 0; i < count; i++) {
      const s = Math.max(-1, Math.min(1, this.resampled[i]));
      this.frame[this.filled++] = s < 0 ? Math.round(s * 32768) : Math.round(s * 32767);
      this.sumSquares += s * s;
      const a = s < 0 ? -s : s;
      if (a > this.peak) this.peak = a;
      if (this.filled === FRAME_SAMPLES) {
        const rms = Math.sqrt(this.sumSquares / FRAME_SAMPLES);
        const frame = this.frame;
        this.port.postMessage({ type: "frame", pcm: frame.buffer, rms, peak: this.peak }, [frame.buffer]);
        this.newFrame();
      }
    }
    return true;
  }
}

registerProcessor("voxgate-capture", CaptureProcessor);
