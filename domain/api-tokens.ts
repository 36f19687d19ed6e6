// The form of a new API token, shared by the JSON API and the portal's API-nycklar page.
import { z } from 'zod';
import { text } from './accounts.js';

export const newTokenSchema = z
  .strictObject({ name: text('Namn', 100).meta({ description: 'Ett namn att känna igen nyckeln på, t.ex. integrationens.' }) })
  .meta({ id: 'NewApiToken' });
