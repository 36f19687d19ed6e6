// Entry point for the worker's workflow bundle.
export { caseWorkflow } from './case-workflow.js';
export { mailboxWorkflow } from './mailbox-workflow.js';
