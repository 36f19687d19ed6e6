// The handler's work queues: the codes and their order come from domain/labels.ts, the texts from i18n/sv.ts.
import { QUEUE_NAMES } from '../../../domain/labels';
import type { QueueName } from '../types';

export const isQueueName = (value: unknown): value is QueueName => (QUEUE_NAMES as readonly unknown[]).includes(value);

/** Each queue has its own URL, /admin/queues/<name>. */
export const queuePath = (queue: QueueName) => `/queues/${queue}`;

/** The i18n key of a queue's menu name, page heading or empty-state text. */
export const queueText = (queue: QueueName, text: 'name' | 'title' | 'empty') => `kundportal.queues.${queue}.${text}`;
