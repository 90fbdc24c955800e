import {
  DEFAULT_MATCH_WEIGHTS,
  isWithinRegion,
  MATCH_FEATURE_LABELS,
  MATCH_FEATURES,
  type MatchWeights,
  type MatchWeightsAnswer,
} from '@mwsp/domain';
import type { Database, Executor } from '../../db/client.js';
import { access, requireInScope } from '../../platform/access/access.js';
import { dbScopeOf, type Principal } from '../../platform/access/principal.js';
import { actorOf, type AuditLog } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/http/errors.js';
import * as campaigns from './campaigns.repo.js';
import { findVisibleCampaign } from './campaigns.service.js';
import * as repo from './match-weights.repo.js';

const DEFAULT_KEY = 'default';
const CAMPAIGN_NOT_FOUND = '招聘活动不存在';

/** A stored row as weights: every feature present (a missing one takes the built-in default). */
function complete(w: Record<string, number> | undefined, base: MatchWeights): MatchWeights {
  const out = { ...base };
  for (const f of MATCH_FEATURES) if (typeof w?.[f] === 'number' && Number.isFinite(w[f])) out[f] = w[f];
  return out;
}

/**
 * 人岗匹配权重: the linear model's weights (packages/domain jobMatching.ts), a city-wide default and one set per
 * 招聘活动 (a campaign may favour 就近就业 or 工资 …). Reading needs employment:read and the campaign in view;
 * changing them needs employment:handle at city level (they steer every officer's proposals), and is audited with
 * the weights before and after. The matching reads them per request (matching.repo.ts weightsColumn, with the subject).
 */
export class MatchWeightsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly cityCode: string,
    private readonly now: () => Date,
  ) {}

  private labels(): Record<string, string> {
    return { ...MATCH_FEATURE_LABELS };
  }

  private async defaults(tx: Executor): Promise<MatchWeights> {
    return complete((await repo.findWeights(tx, DEFAULT_KEY))?.weights, DEFAULT_MATCH_WEIGHTS);
  }

  private cityLevel(p: Principal) {
    access(p, 'employment:handle');
    if (p.dataScope !== 'all' && !isWithinRegion(this.cityCode, p.regionCode))
      throw forbidden('匹配权重影响全市的人岗匹配结果，只能由市级就业服务部门调整');
  }

  async getDefault(p: Principal): Promise<MatchWeightsAnswer> {
    access(p, 'employment:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const defaults = await this.defaults(tx);
      return { campaignId: null, weights: defaults, defaults, custom: false, labels: this.labels() };
    });
  }

  async putDefault(p: Principal, weights: MatchWeights): Promise<MatchWeightsAnswer> {
    this.cityLevel(p);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      const before = await this.defaults(tx);
      await repo.upsertWeights(tx, DEFAULT_KEY, weights, this.now());
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: 'match_weights.updated',
        outcome: 'success',
        objectType: 'match_weights',
        objectId: DEFAULT_KEY,
        detail: { before: JSON.stringify(before), after: JSON.stringify(weights) },
      });
      return { campaignId: null, weights, defaults: weights, custom: false, labels: this.labels() };
    });
  }

  async getForCampaign(p: Principal, campaignId: string): Promise<MatchWeightsAnswer> {
    access(p, 'employment:read');
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      await findVisibleCampaign(tx, p, campaignId);
      return this.answer(tx, campaignId);
    });
  }

  private async answer(tx: Executor, campaignId: string): Promise<MatchWeightsAnswer> {
    const defaults = await this.defaults(tx);
    const own = await repo.findWeights(tx, campaignId);
    return {
      campaignId,
      weights: own ? complete(own.weights, defaults) : defaults,
      defaults,
      custom: own !== undefined,
      labels: this.labels(),
    };
  }

  /** `weights` null: the campaign goes back to the default weights. */
  async putForCampaign(p: Principal, campaignId: string, weights: MatchWeights | null): Promise<MatchWeightsAnswer> {
    this.cityLevel(p);
    return this.db.scoped(dbScopeOf(p), async (tx) => {
      requireInScope(p, await campaigns.findCampaign(tx, campaignId), CAMPAIGN_NOT_FOUND);
      const before = await repo.findWeights(tx, campaignId);
      if (weights) await repo.upsertWeights(tx, campaignId, weights, this.now());
      else await repo.deleteWeights(tx, campaignId);
      await this.audit.append(tx, actorOf(p, p.ip), {
        action: weights ? 'match_weights.updated' : 'match_weights.reset',
        outcome: 'success',
        objectType: 'campaign',
        objectId: campaignId,
        detail: {
          before: before ? JSON.stringify(before.weights) : 'default',
          after: weights ? JSON.stringify(weights) : 'default',
        },
      });
      return this.answer(tx, campaignId);
    });
  }
}
