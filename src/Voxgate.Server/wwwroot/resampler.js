// A streaming polyphase windowed-sinc resampler for the audio worklets (the same design as
// src/Voxgate.Audio/ResamplerKernel.cs): a Kaiser-windowed sinc low-pass at the upsampled rate L·fin with the
// pass band to 0.45 and the stop band from 0.5 of the lower rate, 80 dB down, so nothing folds into the band.

const PASSBAND_EDGE = 0.45;
const STOPBAND_EDGE = 0.5;
const ATTENUATION_DB = 80;
const MAX_PHASES = 4096;

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}

// Modified Bessel function of the first kind, order 0 (the Kaiser window's kernel).
function besselI0(x) {
  let sum = 1, term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

/** Converts a mono stream from one rate to another; state carries across calls, so blocks join seamlessly. */
export class PolyphaseResampler {
  constructor(inputRate, outputRate) {
    const g = gcd(inputRate, outputRate);
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.L = outputRate / g; // interpolation
    this.M = inputRate / g;  // decimation
    if (this.L > MAX_PHASES) throw new RangeError(`${inputRate} → ${outputRate} Hz needs too many filter phases`);
    this.passthrough = this.L === 1 && this.M === 1;

    const L = this.L;
    const upRate = inputRate * L;
    const lower = Math.min(inputRate, outputRate);
    const transition = ((STOPBAND_EDGE - PASSBAND_EDGE) * lower) / upRate; // cycles per upsampled sample
    const cutoff = (((PASSBAND_EDGE + STOPBAND_EDGE) / 2) * lower) / upRate;
    const beta = 0.1102 * (ATTENUATION_DB - 8.7);
    const n = Math.ceil((ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
    const K = Math.ceil(n / L); // taps per phase
    const length = K * L;
    const center = (length - 1) / 2;
    const i0Beta = besselI0(beta);

    // Phase p uses prototype[p + k·L] against x[j − k]; each phase is scaled to unit DC gain.
    this.K = K;
    this.taps = new Float32Array(length);
    for (let p = 0; p < L; p++) {
      let sum = 0;
      const row = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        const i = p + k * L;
        const t = i - center;
        const x = 2 * cutoff * t;
        const sinc = t === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        const r = t / center;
        const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
        row[k] = sinc * w;
        sum += row[k];
      }
      for (let k = 0; k < K; k++) this.taps[p * K + k] = row[k] / sum;
    }
    /** Group delay in input samples. */
    this.delay = center / L;

    // History: K − 1 past samples, then new input. `pos` is the next output's position in 1/L input samples.
    this.buf = new Float32Array(K - 1 + 1024);
    this.reset();
  }

  /** Forgets all history (after a flush), as if the stream started anew. */
  reset() {
    this.buf.fill(0);
    this.len = this.K - 1;
    this.pos = (this.K - 1) * this.L;
  }

  /** The most output samples one call with `inputLength` samples can produce. */
  maxOutput(inputLength) {
    return Math.ceil(((inputLength + 1) * this.L) / this.M) + 1;
  }

  /** Resamples `input` (Float32Array) into `output`, which must hold maxOutput(input.length); returns the count. */
  process(input, output) {
    const n = input.length;
    if (this.passthrough) {
      output.set(input);
      return n;
    }
    if (this.len + n > this.buf.length) {
      const grown = new Float32Array(this.len + n + 1024);
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(input, this.len);
    this.len += n;

    const { L, M, K, taps, buf } = this;
    let pos = this.pos;
    let count = 0;
    for (;;) {
      const base = Math.floor(pos / L);
      if (base >= this.len) break;
      const phase = pos - base * L;
      const row = phase * K;
      let acc = 0;
      for (let k = 0; k < K; k++) acc += taps[row + k] * buf[base - k];
      output[count++] = acc;
      pos += M;
    }

    // Keep the K − 1 samples the next output still needs.
    const drop = Math.floor(pos / L) - (K - 1);
    if (drop > 0) {
      buf.copyWithin(0, drop, this.len);
      this.len -= drop;
      pos -= drop * L;
    }
    this.pos = pos;
    return count;
  }
}
