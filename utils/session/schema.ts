import { z } from 'zod';
import { SESSION_STATES } from './state';

/**
 * The session state as zod parses it, for the message protocol and the storage registry. It sits
 * apart from state.ts so that the content script, which imports the state names, carries no zod.
 */
export const sessionStateSchema = z.enum(SESSION_STATES);
