// The floor: the least a gateway must do. Each browser-like connection on /ws gets its own upstream socket; a binary
// frame becomes an input_audio_buffer.append, and an upstream delta's audio goes back as one binary frame.
// Usage: node relay.mjs --upstream ws://127.0.0.1:PORT/v1/realtime [--port 0]
import { WebSocket, WebSocketServer } from 'ws';
import { argument } from './options.mjs';

const upstreamUrl = argument('--upstream');
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(argument('--port', '0')), path: '/ws', perMessageDeflate: false });
server.on('connection', (caller) => {
  const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false });
  const pending = [];
  upstream.on('open', () => { for (const frame of pending.splice(0)) upstream.send(frame); });
  upstream.on('message', (data, isBinary) => {
    if (isBinary) return;
    const event = JSON.parse(data.toString());
    if (event.type === 'response.output_audio.delta') caller.send(Buffer.from(event.delta, 'base64'));
  });
  caller.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const append = `{"type":"input_audio_buffer.append","audio":"${data.toString('base64')}"}`;
    if (upstream.readyState === WebSocket.OPEN) upstream.send(append); else pending.push(append);
  });
  const close = () => { caller.terminate(); upstream.terminate(); };
  caller.on('close', close);
  upstream.on('close', close);
  caller.on('error', close);
  upstream.on('error', close);
});
server.on('listening', () => console.log(`listening ${server.address().port}`));
