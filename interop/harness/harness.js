'use strict';
// e2ee4j interop harness: hosts livekit-client's own E2EE worker bundle under Node and answers
// requests as JSON lines (one request per stdin line, one response per stdout line).
//
// Nothing of LiveKit's E2EE logic is written here. The worker bundle
// (livekit-client/e2ee-worker, unmodified) is evaluated as a function body whose parameters stand in
// for the Web Worker globals, one instance per simulated worker, and is driven only through its
// message protocol (init, enable, setKey, setSifTrailer, ratchetRequest, encode, decode,
// encryptDataRequest, decryptDataRequest). Key material comes from livekit-client's own
// createKeyMaterialFromString / createKeyMaterialFromBuffer. Data packets go through livekit-client's
// own RTCEngine.sendDataPacket / handleDataMessage (on an engine of an unconnected Room whose
// transport is stubbed), with @livekit/protocol's DataPacket classes.
//
// Request:  {"id": n, "op": "...", ...}    Response: {"id": n, "ok": true, ...} or {"id": n, "ok": false, "error": "..."}
// Stdout carries responses only; diagnostics go to stderr.

const fs = require('fs');
const readline = require('readline');
const { webcrypto } = require('crypto');
const { performance } = require('perf_hooks');
const lk = require('livekit-client');
const proto = require('@livekit/protocol');

const WORKER_PATH = require.resolve('livekit-client/e2ee-worker');
const WORKER_SOURCE = fs.readFileSync(WORKER_PATH, 'utf8');
const path = require('path');
const installedVersion = (pkg) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const LK_VERSION = installedVersion('livekit-client');
const PROTOCOL_VERSION = installedVersion('@livekit/protocol');

lk.setLogLevel('silent');

const hex = {
  dec: (s) => new Uint8Array(Buffer.from(s || '', 'hex')),
  enc: (b) => Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString('hex'),
};

// ---- stand-ins for the encoded-frame objects WebRTC hands to a transform ----
// The worker tells audio from video by `'type' in frame` and tests `instanceof RTCEncodedAudioFrame`.
class RTCEncodedAudioFrame {
  constructor(data, timestamp, metadata) {
    this.data = data;
    this.timestamp = timestamp;
    this._metadata = metadata;
  }
  getMetadata() {
    return this._metadata;
  }
}
class RTCEncodedVideoFrame {
  constructor(data, type, timestamp, metadata) {
    this.data = data;
    this.type = type;
    this.timestamp = timestamp;
    this._metadata = metadata;
  }
  getMetadata() {
    return this._metadata;
  }
}

// A small seeded PRNG (mulberry32) standing in for Math.random inside a worker, so that the
// worker's random IV send-counter start is reproducible from the request's seed.
function seededMath(seed) {
  let a = seed >>> 0;
  const m = Object.create(Math);
  m.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return m;
}

// ---- one simulated worker ----
class SimulatedWorker {
  constructor(name, seed) {
    this.name = name;
    this.messages = []; // messages the worker posted (errors, ratchetKey, ...)
    this.waiters = [];
    this.pendingCrypto = 0;
    this.pipelines = new Map();
    const self = {};
    const postMessage = (msg) => this.onWorkerMessage(msg);
    const cryptoStandIn = this.countingCrypto();
    const perf = { now: () => performance.now() };
    const body = `${WORKER_SOURCE}\n;return function(){ return onmessage; };`;
    // Parameters stand in for the worker globals.
    const fn = new Function(
      'self', 'postMessage', 'onmessage', 'crypto', 'performance', 'Math',
      'RTCEncodedAudioFrame', 'RTCEncodedVideoFrame', body);
    const getOnMessage = fn(self, postMessage, undefined, cryptoStandIn, perf, seededMath(seed),
      RTCEncodedAudioFrame, RTCEncodedVideoFrame);
    this.onmessage = getOnMessage();
    if (typeof this.onmessage !== 'function') {
      throw new Error('worker bundle did not install onmessage');
    }
  }

  // WebCrypto as the worker sees it; counts operations in flight so the harness can tell when
  // the worker has gone idle (some handlers, such as ratchetRequest, are not awaited by the worker).
  countingCrypto() {
    const subtle = webcrypto.subtle;
    const worker = this;
    const wrapped = {};
    for (const name of ['encrypt', 'decrypt', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'digest', 'sign']) {
      wrapped[name] = (...args) => {
        worker.pendingCrypto++;
        return subtle[name](...args).finally(() => {
          worker.pendingCrypto--;
        });
      };
    }
    return {
      subtle: wrapped,
      getRandomValues: (a) => webcrypto.getRandomValues(a),
      randomUUID: () => webcrypto.randomUUID(),
    };
  }

  post(kind, data) {
    this.onmessage({ data: { kind, data } });
  }

  onWorkerMessage(msg) {
    if (msg && msg.kind === 'log') {
      return;
    }
    if (!['enable', 'initAck', 'encryptDataResponse', 'decryptDataResponse'].includes(msg.kind)) {
      this.messages.push(msg);
    }
    const still = [];
    for (const w of this.waiters) {
      if (w.match(msg)) {
        w.resolve(msg);
      } else {
        still.push(w);
      }
    }
    this.waiters = still;
  }

  waitFor(match) {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  // Waits until the worker's message queue has handled everything posted so far (the 'enable'
  // handler echoes its message; a participant id no test uses keeps it free of side effects) and
  // no WebCrypto operation started by the worker is still running.
  async settle() {
    const marker = `__barrier__${Math.random()}`;
    const echoed = this.waitFor((m) => m.kind === 'enable' && m.data.participantIdentity === marker);
    this.post('enable', { participantIdentity: marker, enabled: false });
    await echoed;
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((r) => setImmediate(r));
      quiet = this.pendingCrypto === 0 ? quiet + 1 : 0;
    }
  }

  drainMessages() {
    const out = this.messages.map(describeMessage);
    this.messages = [];
    return out;
  }

  pipeline(operation, participant, trackId, codec) {
    const key = `${operation}|${participant}|${trackId}`;
    let p = this.pipelines.get(key);
    if (p) {
      return p;
    }
    let controller;
    const readable = new ReadableStream({ start: (c) => { controller = c; } });
    p = { controller, collected: [], sentinels: [] };
    const writable = new WritableStream({
      write: (frame) => {
        if (p.sentinels.length > 0 && frame === p.sentinels[0].frame) {
          const s = p.sentinels.shift();
          const got = p.collected;
          p.collected = [];
          s.resolve(got);
        } else {
          p.collected.push(frame);
        }
      },
    });
    p.controller = controller;
    this.post(operation, {
      participantIdentity: participant,
      trackId,
      readableStream: readable,
      writableStream: writable,
      codec: codec || undefined,
      hasPacketTrailer: false,
    });
    this.pipelines.set(key, p);
    return p;
  }

  // Pushes one frame and then an empty frame through the transform. The worker forwards empty
  // frames untouched and handles frames one at a time in order, so everything written before the
  // empty frame comes out is this frame's output: one frame, or none when the worker dropped it.
  pushFrame(p, frame, makeEmpty) {
    const sentinel = makeEmpty();
    const done = new Promise((resolve) => p.sentinels.push({ frame: sentinel, resolve }));
    p.controller.enqueue(frame);
    p.controller.enqueue(sentinel);
    return done;
  }
}

function describeMessage(m) {
  if (m.kind === 'error') {
    return { kind: 'error', message: String(m.data.error && m.data.error.message), participant: m.data.participantIdentity };
  }
  if (m.kind === 'ratchetKey') {
    return {
      kind: 'ratchetKey',
      participant: m.data.participantIdentity,
      keyIndex: m.data.keyIndex,
      chainKeyHex: hex.enc(m.data.ratchetResult.chainKey),
    };
  }
  return { kind: m.kind };
}

// ---- request handling ----
const workers = new Map();

function worker(req) {
  const w = workers.get(req.worker);
  if (!w) {
    throw new Error(`no worker named ${req.worker}`);
  }
  return w;
}

async function keyMaterial(m) {
  if (m.type === 'passphrase') {
    return lk.createKeyMaterialFromString(m.utf8);
  }
  if (m.type === 'raw') {
    const bytes = hex.dec(m.hex);
    return lk.createKeyMaterialFromBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  throw new Error(`unknown material type ${m.type}`);
}

function makeFrame(f) {
  const data = hex.dec(f.dataHex);
  const buf = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const metadata = {
    synchronizationSource: f.ssrc,
    rtpTimestamp: f.timestamp,
    payloadType: f.payloadType,
  };
  if (f.mimeType) {
    metadata.mimeType = f.mimeType;
  }
  if (f.kind === 'audio') {
    return new RTCEncodedAudioFrame(buf, f.timestamp, metadata);
  }
  return new RTCEncodedVideoFrame(buf, f.frameType, f.timestamp, metadata);
}

function emptyLike(f) {
  return () => {
    const meta = { synchronizationSource: f.ssrc, rtpTimestamp: f.timestamp };
    return f.kind === 'audio'
      ? new RTCEncodedAudioFrame(new ArrayBuffer(0), f.timestamp, meta)
      : new RTCEncodedVideoFrame(new ArrayBuffer(0), 'delta', f.timestamp, meta);
  };
}

// An RTCEngine from an unconnected Room, with its transport replaced: sendDataPacket's channel
// send is captured, and handleDataMessage is fed the bytes. Its e2eeManager stand-in forwards to
// the worker's encryptDataRequest / decryptDataRequest and waits for the worker's answer, as
// livekit-client's E2EEManager does.
function dataEngine(w, localIdentity) {
  const key = `engine|${localIdentity}`;
  if (w.pipelines.has(key)) {
    return w.pipelines.get(key);
  }
  const room = new lk.Room();
  const engine = room.engine;
  let uuid = 0;
  const request = (kind, data, responseKind) => {
    const id = `${w.name}-${++uuid}`;
    const answer = w.waitFor((m) => (m.kind === responseKind || m.kind === 'error') && m.data && m.data.uuid === id);
    w.post(kind, { ...data, uuid: id });
    return answer.then((m) => {
      if (m.kind === 'error') {
        throw m.data.error;
      }
      return m.data;
    });
  };
  engine.e2eeManager = {
    isDataChannelEncryptionEnabled: true,
    encryptData: (payload) => request('encryptDataRequest', { payload, participantIdentity: localIdentity }, 'encryptDataResponse'),
    handleEncryptedData: (payload, iv, participantIdentity, keyIndex) =>
      request('decryptDataRequest', { payload, iv, participantIdentity, keyIndex }, 'decryptDataResponse'),
  };
  engine.ensurePublisherConnected = async () => {};
  engine.sent = [];
  const capture = async (msg) => { engine.sent.push(msg); };
  engine.reliableChannel.send = capture;
  engine.lossyChannel.send = capture;
  w.pipelines.set(key, engine);
  return engine;
}

async function encryptData(req) {
  const w = worker(req);
  const engine = dataEngine(w, req.participant);
  const packet = proto.DataPacket.fromBinary(hex.dec(req.packetHex));
  const kind = req.lossy ? 1 : 0; // DataChannelKind: RELIABLE = 0, LOSSY = 1
  await engine.sendDataPacket(packet, kind);
  const wire = engine.sent.pop();
  const sent = proto.DataPacket.fromBinary(wire);
  const enc = sent.value.case === 'encryptedPacket' ? sent.value.value : undefined;
  return {
    wireHex: hex.enc(wire),
    encrypted: !!enc,
    ivHex: enc ? hex.enc(enc.iv) : undefined,
    keyIndex: enc ? enc.keyIndex : undefined,
    encryptionType: enc ? enc.encryptionType : undefined,
    messages: w.drainMessages(),
  };
}

async function decryptData(req) {
  const w = worker(req);
  const engine = dataEngine(w, req.participant);
  const received = [];
  const listener = (packet, encryptionType) => received.push({ packet, encryptionType });
  engine.on('dataPacketReceived', listener);
  const bytes = hex.dec(req.wireHex);
  await engine.handleDataMessage({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  engine.off('dataPacketReceived', listener);
  const got = received[0];
  return {
    delivered: !!got,
    packetHex: got ? hex.enc(got.packet.toBinary()) : undefined,
    valueCase: got ? got.packet.value.case : undefined,
    encryptionType: got ? got.encryptionType : undefined,
    messages: w.drainMessages(),
  };
}

// Builds a DataPacket with @livekit/protocol from a JSON description ({case, value: {...}, ...}),
// so the Java side can test every value case without its own protobuf classes.
function buildPacket(req) {
  const p = new proto.DataPacket({
    value: { case: req.valueCase, value: valueMessage(req.valueCase, req.value || {}) },
    destinationIdentities: req.destinationIdentities || [],
    participantIdentity: req.participantIdentity || '',
  });
  // What LiveKit's sender seals for this packet: asEncryptablePacket(packet).toBinary().
  const payload = lk.asEncryptablePacket(p);
  return { packetHex: hex.enc(p.toBinary()), payloadHex: payload ? hex.enc(payload.toBinary()) : undefined };
}

function valueMessage(c, v) {
  const b = (k) => (v[k] !== undefined ? hex.dec(v[k]) : undefined);
  switch (c) {
    case 'user': return new proto.UserPacket({ payload: b('payloadHex'), topic: v.topic });
    case 'chatMessage': return new proto.ChatMessage({ id: v.id, timestamp: BigInt(v.timestamp || 0), message: v.message });
    case 'rpcRequest': return new proto.RpcRequest({ id: v.id, method: v.method, payload: v.payload, responseTimeoutMs: v.responseTimeoutMs, version: v.version });
    case 'rpcAck': return new proto.RpcAck({ requestId: v.requestId });
    case 'rpcResponse': return new proto.RpcResponse({ requestId: v.requestId, value: { case: 'payload', value: v.payload } });
    case 'streamHeader': return new proto.DataStream_Header({ streamId: v.streamId, timestamp: BigInt(v.timestamp || 0), topic: v.topic, mimeType: v.mimeType, totalLength: v.totalLength !== undefined ? BigInt(v.totalLength) : undefined });
    case 'streamChunk': return new proto.DataStream_Chunk({ streamId: v.streamId, chunkIndex: BigInt(v.chunkIndex || 0), content: b('contentHex') });
    case 'streamTrailer': return new proto.DataStream_Trailer({ streamId: v.streamId, reason: v.reason });
    case 'speaker': return new proto.ActiveSpeakerUpdate({ speakers: [new proto.SpeakerInfo({ sid: v.sid || 'PA_x', level: 0.5, active: true })] });
    default: throw new Error(`unsupported value case ${c}`);
  }
}

// Whether two DataPackets carry the same value (decoded with @livekit/protocol, so field order on
// the wire does not matter).
function sameValue(req) {
  const a = proto.DataPacket.fromBinary(hex.dec(req.aHex));
  const b = proto.DataPacket.fromBinary(hex.dec(req.bHex));
  if (a.value.case === 'user' && b.value.case === 'user') {
    // On receipt LiveKit's applyUserDataCompat copies the outer identity and destinations into the
    // deprecated UserPacket fields; compare the value as it was sent.
    b.value.value.participantIdentity = a.value.value.participantIdentity;
    b.value.value.destinationIdentities = a.value.value.destinationIdentities;
  }
  const valueA = new proto.EncryptedPacketPayload({ value: a.value });
  const valueB = new proto.EncryptedPacketPayload({ value: b.value });
  return {
    same: a.value.case === b.value.case && valueA.equals(valueB),
    aCase: a.value.case,
    bCase: b.value.case,
    participantIdentityA: a.participantIdentity,
    participantIdentityB: b.participantIdentity,
  };
}

// The EncryptedPacket fields of two DataPacket wires, decoded with @livekit/protocol, compared
// field by field (their encoders may order or omit fields differently).
function sameEncrypted(req) {
  const field = (h) => {
    const p = proto.DataPacket.fromBinary(hex.dec(h));
    return p.value.case === 'encryptedPacket' ? p.value.value : undefined;
  };
  const a = field(req.aHex);
  const b = field(req.bHex);
  if (!a || !b) {
    return { same: false, note: 'not an encrypted packet' };
  }
  return {
    same: hex.enc(a.iv) === hex.enc(b.iv) && a.keyIndex === b.keyIndex
      && hex.enc(a.encryptedValue) === hex.enc(b.encryptedValue),
    encryptionTypeA: a.encryptionType,
    encryptionTypeB: b.encryptionType,
  };
}

async function frames(req, operation) {
  const w = worker(req);
  const results = [];
  for (const f of req.frames) {
    const p = w.pipeline(operation, req.participant, f.trackId, f.codec);
    const out = await w.pushFrame(p, makeFrame(f), emptyLike(f));
    results.push(out.length === 0 ? { dropped: true } : { dataHex: hex.enc(out[0].data) });
  }
  await w.settle();
  return { results, messages: w.drainMessages() };
}

async function handle(req) {
  switch (req.op) {
    case 'hello':
      return {
        livekitClient: LK_VERSION,
        livekitProtocol: PROTOCOL_VERSION,
        workerBundle: WORKER_PATH.replace(/.*node_modules[\\/]/, ''),
        workerSha256: require('crypto').createHash('sha256').update(WORKER_SOURCE).digest('hex'),
        node: process.version,
      };
    case 'newWorker': {
      const w = new SimulatedWorker(req.worker, req.seed || 1);
      workers.set(req.worker, w);
      const acked = w.waitFor((m) => m.kind === 'initAck');
      const o = req.options || {};
      w.post('init', {
        loglevel: 'silent',
        keyProviderOptions: {
          sharedKey: !!o.sharedKey,
          ratchetSalt: o.ratchetSalt !== undefined ? o.ratchetSalt : 'LKFrameEncryptionKey',
          ratchetWindowSize: o.ratchetWindowSize !== undefined ? o.ratchetWindowSize : 0,
          failureTolerance: o.failureTolerance !== undefined ? o.failureTolerance : -1,
          keyringSize: o.keyringSize !== undefined ? o.keyringSize : 16,
          keySize: o.keySize !== undefined ? o.keySize : 128,
        },
      });
      await acked;
      w.drainMessages();
      return {};
    }
    case 'enable': {
      const w = worker(req);
      const echoed = w.waitFor((m) => m.kind === 'enable' && m.data.participantIdentity === req.participant);
      w.post('enable', { participantIdentity: req.participant, enabled: req.enabled !== false });
      await echoed;
      w.drainMessages();
      return {};
    }
    case 'setKey': {
      const w = worker(req);
      w.post('setKey', {
        participantIdentity: req.participant,
        key: await keyMaterial(req.material),
        keyIndex: req.keyIndex || 0,
        updateCurrentKeyIndex: req.updateCurrentKeyIndex !== false,
      });
      await w.settle();
      return { messages: w.drainMessages() };
    }
    case 'ratchet': {
      const w = worker(req);
      w.post('ratchetRequest', { participantIdentity: req.participant, keyIndex: req.keyIndex });
      await w.settle();
      return { messages: w.drainMessages() };
    }
    case 'setSifTrailer': {
      const w = worker(req);
      w.post('setSifTrailer', { trailer: hex.dec(req.trailerHex) });
      await w.settle();
      return {};
    }
    case 'encrypt':
      return frames(req, 'encode');
    case 'decrypt':
      return frames(req, 'decode');
    case 'buildPacket':
      return buildPacket(req);
    case 'encryptData':
      return encryptData(req);
    case 'decryptData':
      return decryptData(req);
    case 'sameValue':
      return sameValue(req);
    case 'sameEncrypted':
      return sameEncrypted(req);
    case 'closeWorker':
      workers.delete(req.worker);
      return {};
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let chain = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  chain = chain.then(async () => {
    let req;
    try {
      req = JSON.parse(line);
      const res = await handle(req);
      process.stdout.write(`${JSON.stringify({ id: req.id, ok: true, ...res })}\n`);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id: req ? req.id : null, ok: false, error: String(e && e.stack || e) })}\n`);
    }
  });
});
rl.on('close', () => {
  chain.then(() => process.exit(0));
});
