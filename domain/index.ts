// The shared domain: schemas, types and pure rules. No I/O.
export * from './statuses.js';
export * from './swedish-ids.js';
export * from './case-types.js';
export * from './labels.js';
export * from './problem.js';
