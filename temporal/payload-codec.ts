// Encrypts every Temporal payload (workflow input, update arguments such as message texts, results)
// with AES-256-GCM, so free text that may hold personal data never reaches the server in clear.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec, str, u8 } from '@temporalio/common';
// CommonJS package: Node's ESM loader offers only its default export.
// CommonJS package: Node's ESM loader offers only its default export.
import proto from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const ProtoPayload = proto.temporal.api.common.v1.Payload;

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly key: Buffer;

  constructor(base64Key: string, private readonly keyId = 'v1') {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('TEMPORAL_PAYLOAD_KEY must be 32 bytes, base64-encoded');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      const ct = Buffer.concat([cipher.update(ProtoPayload.encode(payload).finish()), cipher.final()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: u8(ENCODING), [KEY_ID]: u8(this.keyId) },
        data: Buffer.concat([iv, cipher.getAuthTag(), ct]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || str(encoding) !== ENCODING) return payload; // recorded before encryption
      if (!payload.data) throw new Error('Encrypted payload without data');
      const raw = Buffer.from(payload.data);
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const clear = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      return ProtoPayload.decode(clear);
    });
  }
}

export function caseDataConverter(base64Key: string): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(base64Key)] };
}
