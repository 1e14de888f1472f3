import { uuidv7 } from 'uuidv7';
import { canListUsers, canManagePeople } from '../../shared/domain/index.js';
import {
  protocolError,
  type Ack,
  type LocalizedText,
  type RequestPayload,
  type RequestResult,
} from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Store } from '../db/store.js';
import { rolesHeld } from '../meetings/meeting-queries.js';
import { oneLine } from '../users/person-import.js';
import type { UserRecord } from '../users/user-queries.js';
import { countUsers, deleteGroup, findGroup, groupNameTaken, listGroups, saveGroup } from './group-queries.js';

const MESSAGES = {
  notAllowed: {
    vi: 'Chỉ quản trị viên và người được giao quản lý người dùng mới sửa được nhóm.',
    en: 'Only administrators and those who manage people can change groups.',
  },
  noSuchGroup: { vi: 'Không tìm thấy nhóm này.', en: 'This group was not found.' },
  noSuchMember: {
    vi: 'Có thành viên được chọn không còn tài khoản.',
    en: 'A member chosen has no account.',
  },
  nameTaken: { vi: 'Đã có nhóm mang tên này.', en: 'A group with this name already exists.' },
} satisfies Record<string, LocalizedText>;

const refuse = (code: 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT', message: LocalizedText) => ({
  ok: false as const,
  error: protocolError(code, undefined, message),
});

export async function listGroupsRequest(store: Store, actor: UserRecord): Promise<Ack<RequestResult<'group:list'>>> {
  if (!canListUsers(actor, await rolesHeld(store.db, actor.id)))
    return { ok: false, error: protocolError('FORBIDDEN') };
  return { ok: true, data: { groups: await listGroups(store.db) } };
}

/** Creates (no groupId) or rewrites a group: its name and its members as a whole, with an audit row. */
export async function saveGroupRequest(
  store: Store,
  actor: UserRecord,
  input: RequestPayload<'group:create'> & { groupId?: string },
): Promise<Ack<RequestResult<'group:create'>>> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  const isNew = input.groupId === undefined;
  const id = input.groupId ?? uuidv7();
  const name = oneLine(input.name);
  const memberIds = input.memberIds ?? [];
  const result = await store.transaction(async (tx) => {
    // Names are compared here, not by an index (see the migration): one writer at a time.
    await store.lockName(tx, 'groups:write');
    if (!isNew && !(await findGroup(tx, id))) return refuse('NOT_FOUND', MESSAGES.noSuchGroup);
    if (await groupNameTaken(tx, name, id)) return refuse('CONFLICT', MESSAGES.nameTaken);
    if ((await countUsers(tx, memberIds)) !== memberIds.length) return refuse('NOT_FOUND', MESSAGES.noSuchMember);
    const at = new Date().toISOString();
    await saveGroup(tx, { id, name, memberIds, at }, isNew);
    await appendAudit(tx, store, {
      at,
      actorId: actor.id,
      action: isNew ? 'group:create' : 'group:update',
      meetingId: null,
      detail: { groupId: id, name, members: memberIds.length },
    });
    return { ok: true as const };
  });
  if (!result.ok) return result;
  const group = await findGroup(store.db, id);
  return group ? { ok: true, data: { group } } : refuse('NOT_FOUND', MESSAGES.noSuchGroup);
}

export async function deleteGroupRequest(
  store: Store,
  actor: UserRecord,
  { groupId }: RequestPayload<'group:delete'>,
): Promise<Ack<RequestResult<'group:delete'>>> {
  if (!canManagePeople(actor)) return refuse('FORBIDDEN', MESSAGES.notAllowed);
  return store.transaction(async (tx) => {
    await store.lockName(tx, 'groups:write');
    const group = await findGroup(tx, groupId);
    if (!group) return refuse('NOT_FOUND', MESSAGES.noSuchGroup);
    await deleteGroup(tx, groupId);
    await appendAudit(tx, store, {
      at: new Date().toISOString(),
      actorId: actor.id,
      action: 'group:delete',
      meetingId: null,
      detail: { groupId, name: group.name },
    });
    return { ok: true as const, data: { groupId } };
  });
}
