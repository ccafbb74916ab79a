// The page's audio: one AudioContext at the device rate, the microphone through the capture worklet
// (→ 24 kHz PCM16 frames) and the playback worklet (24 kHz PCM16 → speakers, with per-item accounting).

export class MicrophoneError extends Error {
  constructor(message, cause) {
    super(message, { cause });
    this.name = "MicrophoneError";
  }
}

export function audioSupportProblem() {
  if (!window.isSecureContext) return "The microphone only works on a secure page: open Voxgate over HTTPS, or on localhost.";
  if (!navigator.mediaDevices?.getUserMedia) return "This browser cannot use a microphone here.";
  if (!window.AudioContext || !window.AudioWorkletNode) return "This browser is missing Web Audio worklets; use a current Chrome, Edge, Firefox or Safari.";
  return null;
}

export class AudioEngine {
  /**
   * @param {{ onFrame(buf: ArrayBuffer): void, onLevel(rms: number, peak: number): void, onPlayback(msg: any): void }} handlers
   */
  constructor(handlers) {
    this.handlers = handlers;
    // Created in the click handler, before any await, so the browser lets it start.
    this.context = new AudioContext({ latencyHint: "interactive" });
    this.loaded = Promise.all([
      this.context.audioWorklet.addModule(new URL("./capture-worklet.js", import.meta.url)),
      this.context.audioWorklet.addModule(new URL("./playback-worklet.js", import.meta.url)),
    ]);
  }

  get sampleRate() {
    return this.context.sampleRate;
  }

  async openMicrophone() {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
        video: false,
      });
    } catch (error) {
      throw new MicrophoneError(describeMicrophoneError(error), error);
    }
    this.stream = stream;
    await this.loaded;
    if (this.context.state === "suspended") await this.context.resume();

    this.source = this.context.createMediaStreamSource(stream);
    this.capture = new AudioWorkletNode(this.context, "voxgate-capture", {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      channelCountMode: "explicit",
      channelInterpretation: "speakers",
    });
    this.capture.port.onmessage = (e) => {
      if (e.data.type === "frame") {
        this.handlers.onFrame(e.data.pcm);
        this.handlers.onLevel(e.data.rms, e.data.peak);
      }
    };
    // A muted path to the destination keeps the capture node pulled by the render graph.
    this.mute = new GainNode(this.context, { gain: 0 });
    this.source.connect(this.capture).connect(this.mute).connect(this.context.destination);

    stream.getAudioTracks()[0]?.addEventListener("ended", () => this.handlers.onMicrophoneEnded?.());
  }

  async openPlayback() {
    await this.loaded;
    this.playback = new AudioWorkletNode(this.context, "voxgate-playback", {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
    });
    this.playback.port.onmessage = (e) => this.handlers.onPlayback(e.data);
    this.playback.connect(this.context.destination);
  }

  /** The frames that follow belong to this assistant item. */
  beginItem(id) {
    this.playback?.port.postMessage({ type: "item", id });
  }

  play(buffer) {
    this.playback?.port.postMessage({ type: "audio", pcm: buffer }, [buffer]);
  }

  flush(reason) {
    this.playback?.port.postMessage({ type: "flush", reason });
  }

  async close() {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.source?.disconnect();
    this.capture?.disconnect();
    this.playback?.disconnect();
    if (this.context.state !== "closed") await this.context.close().catch(() => {});
  }
}

function describeMicrophoneError(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return "Microphone access was denied. Allow the microphone for this site in the browser's address bar or settings, then press Start again.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No microphone was found. Plug one in (or check the system's sound settings) and press Start again.";
    case "NotReadableError":
    case "AbortError":
      return "The microphone is busy or unavailable: another app may be using it. Close that app and press Start again.";
    default:
      return `The microphone could not be opened (${error?.message || error}).`;
  }
}
