import { ensureTemporalCli } from './temporal-cli.js';

ensureTemporalCli();
