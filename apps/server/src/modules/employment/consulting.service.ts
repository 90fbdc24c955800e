import {
  CONSULT_CHANNEL_LABELS,
  CONSULT_TOPIC_LABELS,
  shanghaiDate,
  type ConsultChannel,
  type ConsultTopic,
  type ConsultationCreateInput,
  type ProgramListQuery,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { badRequest } from '../../platform/http/errors.js';
import * as repo from './consulting.repo.js';
import { checkRegion, HANDLE, listFilter, ownedBy, publicRow, READ } from './programs.common.js';
import * as common from './programs.repo.js';

type Query = ProgramListQuery & { topic?: ConsultTopic; channel?: ConsultChannel };

/** 政策咨询: enquiries answered at any level (city to village), by topic and channel, counted by region. */
export class ConsultingService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  async log(p: Principal, input: ConsultationCreateInput) {
    access(p, HANDLE);
    this.checkDate(input);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const row = await this.row(tx, p, input);
      const id = await repo.insertConsultation(tx, row);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'consultation.logged',
        outcome: 'success',
        objectType: 'consultation',
        objectId: id,
        detail: { topic: input.topic, channel: input.channel },
      });
      return dto((await repo.listConsultations(tx, { scopeRegion: '', page: 1, pageSize: 1, id })).rows[0]);
    });
  }

  /**
   * The demo's year of enquiries (programs.seed.ts) in one transaction: each checked as `log` checks it (a refused
   * one fails the whole), written in multi-row statements without an audit entry each (demo.ts audits the load).
   * System use only; no route reaches it. Answers the number written.
   */
  async seedDemo(p: Principal, inputs: ConsultationCreateInput[]): Promise<number> {
    access(p, HANDLE);
    inputs.forEach((input) => this.checkDate(input));
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const rows = [];
      for (const input of inputs) rows.push(await this.row(tx, p, input));
      await repo.insertConsultations(tx, rows);
      return rows.length;
    });
  }

  private checkDate(input: ConsultationCreateInput) {
    if (input.askedOn > shanghaiDate(this.now()))
      throw badRequest('咨询日期不能晚于今天', [{ path: 'askedOn', message: '咨询日期不能晚于今天' }]);
  }

  /** An enquiry checked (its region): the row stored. */
  private async row(tx: Executor, p: Principal, input: ConsultationCreateInput) {
    const regionCode = input.regionCode as string;
    await checkRegion(tx, p, this.cityCode, regionCode, { minLevel: 2, label: '受理咨询的区划' });
    return {
      ...ownedBy(p, regionCode),
      askedOn: input.askedOn,
      topic: input.topic,
      channel: input.channel,
      asker: input.asker ?? '',
      question: input.question,
      answer: input.answer,
    };
  }

  async list(p: Principal, q: Query) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const r = await repo.listConsultations(tx, { ...listFilter(p, q), topic: q.topic, channel: q.channel });
      return { items: r.rows.map(dto), total: r.total, page: q.page, pageSize: q.pageSize };
    });
  }

  async stats(p: Principal, q: Query) {
    access(p, READ);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const c = await repo.consultationCounts(tx, { ...listFilter(p, q), topic: q.topic, channel: q.channel });
      const names = await common.regionNames(
        tx,
        c.byCounty.map((r) => r.key),
      );
      return {
        total: c.byTopic.reduce((s, r) => s + r.count, 0),
        byTopic: c.byTopic.map((r) => ({ ...r, label: CONSULT_TOPIC_LABELS[r.key as ConsultTopic] ?? r.key })),
        byChannel: c.byChannel.map((r) => ({ ...r, label: CONSULT_CHANNEL_LABELS[r.key as ConsultChannel] ?? r.key })),
        byRegion: c.byCounty.map((r) => ({ regionCode: r.key, regionName: names.get(r.key) ?? r.key, count: r.count })),
      };
    });
  }
}

function dto(r: repo.ConsultationRow) {
  return {
    ...publicRow(r),
    topic: r.topic as ConsultTopic,
    topicName: CONSULT_TOPIC_LABELS[r.topic as ConsultTopic],
    channel: r.channel as ConsultChannel,
    channelName: CONSULT_CHANNEL_LABELS[r.channel as ConsultChannel],
  };
}
