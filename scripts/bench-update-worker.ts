// The bench-only worker of npm run bench:actions: runs scripts/bench-workflows.ts (bundled here, apart
// from the case workflows) on its own task queue, in a process of its own as the case worker runs in
// its own, with the same payload encryption. Env: TEMPORAL_ADDRESS, BENCH_UPDATE_QUEUE.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../config/index.js';
import { caseDataConverter } from '../temporal/payload-codec.js';

const taskQueue = process.env.BENCH_UPDATE_QUEUE;
if (!taskQueue) throw new Error('BENCH_UPDATE_QUEUE is not set');
Runtime.install({ logger: new DefaultLogger('WARN') });
const config = loadConfig();
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
const worker = await Worker.create({
  connection,
  taskQueue,
  workflowsPath: fileURLToPath(new URL('./bench-workflows.ts', import.meta.url)),
  activities: { noop: async () => {} },
  dataConverter: caseDataConverter(config.TEMPORAL_PAYLOAD_KEY),
});
console.log(`bench update worker: polling task queue "${taskQueue}"`);
await worker.run(); // returns after SIGTERM, which the SDK handles
await connection.close();
