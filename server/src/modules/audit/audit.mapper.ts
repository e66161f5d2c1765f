import type { AuditEntryDto } from '@sunboard/shared';
import type { AuditLog } from './audit-log.entity';

export function toAuditEntryDto(e: AuditLog, names: Map<number, string>): AuditEntryDto {
  return {
    id: e.id,
    action: e.action,
    actor: e.actorId === null ? null : { id: e.actorId, displayName: names.get(e.actorId) ?? '' },
    targetType: e.targetType,
    targetId: e.targetId,
    regionId: e.regionId,
    at: e.at.toISOString(),
    digestBefore: e.digestBefore,
    digestAfter: e.digestAfter,
    note: e.note,
  };
}
