import { uuidv7 } from 'uuidv7';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { ask, type TestSocket } from '../support/server-harness.js';
import { pause } from './pool.js';

/**
 * Sends a command as the client core does: a UUIDv7 command id made once, and the same
 * command again after a growing pause while the server answers RATE_LIMITED (the event
 * budget of a staff account running hundreds of set-up commands). Any other answer is returned.
 */
export async function send<T = CommandReceipt>(
  socket: TestSocket,
  event: string,
  payload: Record<string, unknown>,
  timeoutMs = 60_000,
): Promise<Ack<T>> {
  const body = { commandId: uuidv7(), ...payload };
  for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
    const answer = await ask<T>(socket, event, body, timeoutMs);
    if (answer.ok || answer.error.code !== 'RATE_LIMITED') return answer;
    await pause(wait);
  }
}

/** `send`, throwing on a refusal. */
export async function sendOk<T = CommandReceipt>(
  socket: TestSocket,
  event: string,
  payload: Record<string, unknown>,
): Promise<T> {
  const answer = await send<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code} ${answer.error.message.en}`);
  return answer.data;
}
