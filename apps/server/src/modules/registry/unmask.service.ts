import type { UnmaskField, UnmaskResult } from '@mwsp/domain';
import type { Database } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { tooManyRequests } from '../../platform/http/errors.js';
import { CTX } from './registry.common.js';
import { UNMASK_LIMIT_PER_HOUR } from './registry.permissions.js';
import type { WorkersService } from './workers.service.js';

/** 查看完整信息: a worker's clear personal values, for a stated purpose, capped and audited. */
export class UnmaskService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly workers: WorkersService,
  ) {}

  /**
   * Clear values for a stated purpose: permission, scope, an hourly cap per user, and the audit entry
   * committed before anything is returned.
   */
  async unmask(p: Principal, id: string, fields: UnmaskField[], purpose: string): Promise<UnmaskResult> {
    access(p, 'pii:unmask');
    const since = new Date(this.now().getTime() - 3600_000);
    const used = await this.audit.countRecent(p.userId, 'worker.unmask', since);
    if (used >= UNMASK_LIMIT_PER_HOUR) {
      await this.audit.record(actorOf(p, p.ip), {
        action: 'worker.unmask',
        outcome: 'denied',
        objectType: 'worker',
        objectId: id,
        detail: { reason: 'hourly_limit' },
      });
      throw tooManyRequests(`查看完整个人信息每小时最多 ${UNMASK_LIMIT_PER_HOUR} 次，已达上限`, 3600);
    }
    const row = await this.db.scoped(dbScopeOf(p), (tx) => this.workers.visibleWorker(tx, p, id));
    await this.audit.record(actorOf(p, p.ip), {
      action: 'worker.unmask',
      outcome: 'success',
      objectType: 'worker',
      objectId: id,
      detail: { fields, purpose: purpose.slice(0, 200) },
    });
    const out: UnmaskResult = {};
    for (const f of new Set(fields)) {
      if (f === 'idNumber') out.idNumber = this.cipher.decrypt(row.idEnc, CTX.id);
      if (f === 'birthDate') out.birthDate = row.birthDate;
      if (f === 'phone') out.phone = row.phoneEnc ? this.cipher.decrypt(row.phoneEnc, CTX.phone) : null;
      if (f === 'bankCard') out.bankCard = row.bankCardEnc ? this.cipher.decrypt(row.bankCardEnc, CTX.bank) : null;
      if (f === 'emergencyContact')
        out.emergencyContactPhone = row.emergencyEnc
          ? (JSON.parse(this.cipher.decrypt(row.emergencyEnc, CTX.emergency)) as { phone: string }).phone
          : null;
    }
    return out;
  }
}
