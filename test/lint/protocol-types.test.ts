import { describe, expectTypeOf, it } from 'vitest';
import type { ClientApi } from '../../shared/client/index.js';
import type {
  Ack,
  ChangeBatch,
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandReceipt,
  RequestResult,
  ServerToClientEvents,
} from '../../shared/protocol/index.js';
import type { COMMAND_HANDLERS } from '../../server/sync/command-handlers.js';

/** The socket types are derived from the schemas: a drift is a compile error (tsc runs these). */
describe('protocol types', () => {
  it('types each command event from its schema, answered by a receipt', () => {
    expectTypeOf<Parameters<ClientToServerEvents['vote:cast']>[0]>().toEqualTypeOf<CommandPayload<'vote:cast'>>();
    expectTypeOf<Parameters<ClientToServerEvents['agenda:move-item']>[1]>().toEqualTypeOf<
      (answer: Ack<CommandReceipt>) => void
    >();
    expectTypeOf<CommandPayload<'vote:cast'>>().toHaveProperty('ballotKey');
    expectTypeOf<CommandPayload<'vote:cast'>>().not.toHaveProperty('userId');
  });

  it('answers requests with their result type', () => {
    expectTypeOf<Parameters<Parameters<ClientToServerEvents['session:sync']>[1]>[0]>().toEqualTypeOf<
      Ack<RequestResult<'session:sync'>>
    >();
    expectTypeOf<Parameters<ServerToClientEvents['meeting:changes']>[0]>().toEqualTypeOf<ChangeBatch>();
  });

  it('has a server handler for every command and a UI entry point that takes any command', () => {
    expectTypeOf<keyof typeof COMMAND_HANDLERS>().toEqualTypeOf<CommandName>();
    expectTypeOf<Parameters<ClientApi['send']>[0]>().toEqualTypeOf<CommandName>();
  });
});
