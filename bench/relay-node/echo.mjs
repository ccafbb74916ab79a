// An OpenAI-Realtime-speaking echo upstream: session.created on connect, session.updated for each session.update, and
// every input_audio_buffer.append answered with a response.output_audio.delta carrying the same base64 audio.
// Usage: node echo.mjs [--port 0]   (prints "listening <port>" once it accepts connections)
import { WebSocketServer } from 'ws';
import { argument } from './options.mjs';

const session = {
  type: 'realtime', object: 'realtime.session', id: 'sess_echo', model: 'echo', output_modalities: ['audio'],
  audio: {
    input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: null },
    output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'echo' },
  },
};
const created = JSON.stringify({ type: 'session.created', event_id: 'event_echo', session });
const updated = JSON.stringify({ type: 'session.updated', event_id: 'event_echo', session });
const deltaPrefix = '{"type":"response.output_audio.delta","event_id":"event_echo","response_id":"resp_echo","item_id":"item_echo","output_index":0,"content_index":0,"delta":"';

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(argument('--port', '0')), perMessageDeflate: false });
server.on('connection', (socket, request) => {
  if (!request.url.startsWith('/v1/realtime')) {
    socket.close(1008, 'not /v1/realtime');
    return;
  }
  socket.send(created);
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const event = JSON.parse(data.toString());
    if (event.type === 'input_audio_buffer.append') {
      socket.send(deltaPrefix + event.audio + '"}');
    } else if (event.type === 'session.update') {
      socket.send(updated);
    }
  });
});
server.on('listening', () => console.log(`listening ${server.address().port}`));
