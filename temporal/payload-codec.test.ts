import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { createCodecServer } from './codec-server.js';
import { AesGcmPayloadCodec } from './payload-codec.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const codec = new AesGcmPayloadCodec(KEY);
const payload = defaultPayloadConverter.toPayload({ body: 'Mitt personnummer är 198507099805, Åsa' })!;

describe('AES-GCM payload codec', () => {
  it('round-trips and hides the clear text', async () => {
    const [encrypted] = await codec.encode([payload]);
    expect(Buffer.from(encrypted!.data!).toString('latin1')).not.toContain('198507099805');
    expect(Buffer.from(encrypted!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    const [decoded] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ body: 'Mitt personnummer är 198507099805, Åsa' });
  });

  it('passes payloads recorded before encryption through, and rejects a wrong key or tampering', async () => {
    expect(await codec.decode([payload])).toEqual([payload]);
    const [encrypted] = await codec.encode([payload]);
    await expect(new AesGcmPayloadCodec(Buffer.alloc(32, 8).toString('base64')).decode([encrypted!])).rejects.toThrow();
    const tampered = Buffer.from(encrypted!.data!);
    tampered[tampered.length - 1]! ^= 1;
    await expect(codec.decode([{ ...encrypted!, data: tampered }])).rejects.toThrow();
    expect(() => new AesGcmPayloadCodec('c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('decodes for Temporal UI over HTTP, with CORS for the UI origin only', async () => {
    const app = createCodecServer(codec, 'http://localhost:8233');
    const [encrypted] = await codec.encode([payload]);
    const body = {
      payloads: [
        {
          metadata: Object.fromEntries(Object.entries(encrypted!.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
          data: Buffer.from(encrypted!.data!).toString('base64'),
        },
      ],
    };
    const res = await app.request('/decode', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8233', 'X-Namespace': 'default' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    const json = (await res.json()) as { payloads: Array<{ data: string }> };
    expect(Buffer.from(json.payloads[0]!.data, 'base64').toString()).toContain('198507099805');
    const bad = await app.request('/decode', { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
  });
});
