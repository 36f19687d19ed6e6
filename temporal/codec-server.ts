// Codec endpoint for Temporal UI: decrypts payloads for an operator's browser. Development only, on
// loopback; in production put it behind the operators' authentication.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Payload, PayloadCodec } from '@temporalio/common';

type JsonPayload = { metadata?: Record<string, string>; data?: string };

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: p.data !== undefined ? Buffer.from(p.data, 'base64') : undefined,
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}),
});

export function createCodecServer(codec: PayloadCodec, uiOrigin: string) {
  const app = new Hono();
  app.use('*', cors({ origin: uiOrigin, allowHeaders: ['x-namespace', 'content-type'], allowMethods: ['POST'] }));
  for (const op of ['decode', 'encode'] as const) {
    app.post(`/${op}`, async (c) => {
      const body = (await c.req.json().catch(() => null)) as { payloads?: JsonPayload[] } | null;
      if (!Array.isArray(body?.payloads)) return c.json({ message: 'payloads saknas' }, 400);
      const result = await codec[op](body.payloads.map(fromJson));
      return c.json({ payloads: result.map(toJson) });
    });
  }
  return app;
}
