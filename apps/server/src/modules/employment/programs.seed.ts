import {
  addDays,
  type CampaignKind,
  type ConsultationCreateInput,
  type ConsultChannel,
  type ConsultTopic,
  type DemandSurveyCreateInput,
  type OutboundSurveyCreateInput,
} from '@mwsp/domain';
import type { Principal } from '../../platform/access/principal.js';
import type { ProgramServices } from './programs.js';

/**
 * Demo data of the programmes: the year's campaigns with fairs and their results, agreements, stations, outbound
 * groups, labour brands, model townships, startup loans in every status and incubators through the services' own
 * use cases (validation, scope and audit as for a person); a survey round of each kind and a year of policy
 * enquiries (two thirds of the records) checked by the same rules and written in one transaction each, multi-row
 * (`surveys.seedDemo`, `consulting.seedDemo`; demo.ts audits the load). Deterministic for a seed.
 */
export async function seedProgramsDemo(
  s: ProgramServices,
  actor: Principal,
  opts: {
    cityCode: string;
    today: string;
    counties: string[];
    townships: string[];
    workerIds: string[];
    seed?: number;
  },
): Promise<number> {
  const { counties, townships, workerIds, today } = opts;
  if (counties.length === 0 || townships.length === 0 || workerIds.length < 20) return 0;
  let x = opts.seed ?? 20261206;
  const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const ago = (days: number) => addDays(today, -days);
  const county = (i: number) => counties[i % counties.length];
  const townOf = (c: string) => townships.filter((t) => t.startsWith(c));
  let n = 0;
  let w = 0;
  const nextWorkers = (k: number) => Array.from({ length: k }, () => workerIds[w++ % workerIds.length]);
  const occupations = ['6-31-01-03', '4-10-01-06', '4-02-07-10', '4-03-02-01', '4-02-05-01', '6-18-02-04'];
  const firms = ['建筑劳务', '物业服务', '餐饮管理', '电子科技', '物流', '家政服务'];

  // ---------------------------------------------------------------- campaigns and fairs
  const kinds: [CampaignKind, string, number][] = [
    ['spring_breeze', '春风行动', 150],
    ['private_week', '民营企业招聘周', 90],
    ['job_fair', '农民工专场招聘会', 40],
  ];
  for (const [kind, title, start] of kinds) {
    const c = await s.campaigns.create(actor, {
      kind,
      name: `${title}（${ago(start).slice(0, 4)} 年）`,
      startDate: ago(start),
      endDate: ago(start - 45),
      regionCode: opts.cityCode,
      organiser: '市人力资源和社会保障局',
      summary: '演示数据',
    });
    n++;
    for (let i = 0; i < Math.min(counties.length, 4); i++) {
      const where = pick(townOf(county(i))) ?? county(i);
      const f = await s.campaigns.addFair(actor, c.id, {
        heldOn: ago(start - 5 - i * 7),
        venue: `${['人力资源市场', '文化广场', '乡镇综合服务中心', '工业园区'][i % 4]}`,
        regionCode: where,
        employers: Array.from({ length: int(3, 8) }, (_, k) => ({
          name: `昆明${pick(['盛', '华', '鑫', '宏', '泰', '安'])}${firms[k % firms.length]}有限公司`,
          booths: int(1, 3),
          positions: int(5, 60),
        })),
      });
      const attendees = int(200, 1500);
      const referrals = Math.floor(attendees * (0.1 + rand() * 0.2));
      await s.campaigns.recordResults(actor, c.id, f.id, {
        attendees,
        referrals,
        hires: Math.floor(referrals * (0.3 + rand() * 0.4)),
      });
      n += 2;
    }
  }

  // ---------------------------------------------------------------- surveys
  const demand: DemandSurveyCreateInput[] = [];
  const outbound: OutboundSurveyCreateInput[] = [];
  for (let i = 0; i < 24; i++) {
    demand.push({
      period: `${today.slice(0, 4)}年春节后`,
      surveyedOn: ago(int(20, 60)),
      regionCode: pick(townships),
      employerName: `昆明${pick(['盛', '华', '鑫', '宏', '泰', '安'])}${pick(firms)}有限公司`,
      occupation: pick(occupations),
      headcount: int(2, 80),
      wageFen: int(35, 90) * 10_000,
    });
  }
  const destinations = ['浙江省宁波市', '广东省东莞市', '福建省厦门市', '江苏省苏州市', '上海市'];
  for (const id of nextWorkers(30)) {
    const status = pick(['employed', 'employed', 'employed', 'self_employed', 'seeking', 'returned'] as const);
    outbound.push({
      period: `${today.slice(0, 4)}年一季度`,
      surveyedOn: ago(int(5, 60)),
      workerId: id,
      destination: pick(destinations),
      occupation: pick(occupations),
      incomeFen: status === 'employed' || status === 'self_employed' ? int(40, 120) * 10_000 : null,
      status,
    });
  }
  // one transaction, multi-row (a worker registered outside the city's counties: skipped)
  n += await s.surveys.seedDemo(actor, demand, outbound);

  // ---------------------------------------------------------------- labour cooperation
  for (let i = 0; i < Math.min(counties.length, 3); i++) {
    const c = county(i);
    const destination = destinations[i % destinations.length];
    const a = await s.cooperation.createAgreement(actor, {
      regionCode: c,
      destination,
      originParty: '区（县）人力资源和社会保障局',
      destinationParty: `${destination}人力资源和社会保障局`,
      startDate: ago(400),
      endDate: addDays(today, 700),
      terms: '输入地提供岗位信息、技能培训和权益维护；输出地组织劳动力、做好跟踪服务。（演示数据）',
      targetCount: int(300, 1000),
    });
    await s.cooperation.createStation(actor, {
      regionCode: c,
      name: `驻${destination.slice(3)}劳务服务工作站`,
      agreementId: a.id,
      destination,
      establishedOn: ago(380),
      staff: [{ name: `${pick(['张', '王', '李'])}站长`, phone: '', duty: '站长' }],
      workerIds: nextWorkers(int(3, 8)),
    });
    for (let g = 0; g < 2; g++)
      await s.cooperation.createGroup(actor, {
        regionCode: pick(townOf(c)) ?? c,
        departedOn: ago(int(10, 300)),
        destination,
        agreementId: a.id,
        members: nextWorkers(int(3, 10)).map((workerId) => ({
          workerId,
          workplace: `${destination.slice(3)}某${pick(['电子', '服装', '物流', '食品'])}企业`,
        })),
      });
    n += 4;
  }
  const brands: [string, string][] = [
    ['春城家政', '4-10-01-06'],
    ['滇菜师傅', '4-03-02-01'],
    ['云岭建工', '6-18-02-04'],
  ];
  for (const [i, [name, occupation]] of brands.entries()) {
    await s.cooperation
      .createBrand(actor, {
        regionCode: county(i),
        name,
        occupation,
        description: '劳务品牌（演示数据）',
        workerIds: nextWorkers(int(4, 12)),
      })
      .then(() => n++);
  }
  for (const t of townships.slice(0, 3)) {
    await s.cooperation
      .createModelSite(actor, {
        regionCode: t,
        kind: 'township',
        year: Number(today.slice(0, 4)) - 1,
        transferred: int(300, 2000),
        notes: '农村劳动力转移就业示范乡镇（演示数据）',
      })
      .then(() => n++);
  }

  // ---------------------------------------------------------------- entrepreneurship
  for (let i = 0; i < 10; i++) {
    const applied = ago(int(10, 200));
    const loan = await s.startup.apply(actor, {
      workerId: nextWorkers(1)[0],
      regionCode: pick(townships),
      business: pick(['返乡开办农家乐', '农产品电商', '小型餐饮店', '家政服务工作室', '汽车维修店']),
      amountFen: int(5, 30) * 1_000_000,
      bank: pick(['富滇银行', '农村信用社', '邮储银行']),
      appliedOn: applied,
    });
    n++;
    const roll = rand();
    if (roll < 0.25) continue; // still with the bank
    const decidedOn = addDays(applied, 7) > today ? today : addDays(applied, 7);
    if (roll < 0.35) {
      await s.startup.decide(actor, loan.id, { decision: 'rejected', decidedOn, note: '经营计划不完整', version: 0 });
      continue;
    }
    const approved = await s.startup.decide(actor, loan.id, {
      decision: 'approved',
      decidedOn,
      approvedFen: loan.amountFen,
      version: 0,
    });
    if (roll < 0.6) continue;
    const paidOn = addDays(decidedOn, 5) > today ? today : addDays(decidedOn, 5);
    await s.startup.decide(actor, loan.id, { decision: 'disbursed', decidedOn: paidOn, version: approved.version });
  }
  for (let i = 0; i < Math.min(counties.length, 3); i++) {
    await s.startup.createIncubator(actor, {
      regionCode: county(i),
      kind: i % 2 ? 'park' : 'incubator',
      name: `${['农民工返乡创业孵化基地', '返乡创业园', '电商创业孵化园'][i]}`,
      operator: '区（县）就业服务中心',
      openedOn: ago(700),
      businesses: Array.from({ length: int(3, 7) }, (_, k) => ({
        name: `${pick(['云', '滇', '春', '花'])}${pick(['农', '味', '工', '创'])}${k + 1}号工作室`,
        founderWorkerId: null,
        jobs: int(2, 15),
        since: ago(int(30, 600)),
      })),
    });
    n++;
  }

  // ---------------------------------------------------------------- policy consulting
  const topics: ConsultTopic[] = ['employment', 'training', 'startup', 'wages', 'insurance', 'settlement', 'education'];
  const channels: ConsultChannel[] = ['hotline', 'window', 'phone', 'online'];
  const qa: Record<string, [string, string]> = {
    employment: ['哪里可以找到本地招聘信息？', '介绍公共就业服务平台和近期招聘会安排。'],
    training: ['参加电工培训有没有补贴？', '说明职业技能培训补贴的条件和申领流程。'],
    startup: ['返乡创业可以贷款吗？', '介绍创业担保贷款的额度、贴息和申请材料。'],
    wages: ['老板拖欠工资怎么办？', '告知投诉渠道（12333、劳动监察）并登记线索。'],
    insurance: ['外出务工社保怎么接续？', '说明养老保险关系转移接续办理方式。'],
    settlement: ['在城里落户需要什么条件？', '说明居住证和落户条件。'],
    education: ['孩子随迁能在这里上学吗？', '说明随迁子女入学的材料和报名时间。'],
  };
  const enquiries: ConsultationCreateInput[] = [];
  for (let i = 0; i < 60; i++) {
    const topic = pick(topics);
    const [question, answer] = qa[topic];
    enquiries.push({
      regionCode: rand() < 0.2 ? opts.cityCode : rand() < 0.5 ? county(i) : pick(townships),
      askedOn: ago(int(0, 330)),
      topic,
      channel: pick(channels),
      question,
      answer,
    });
  }
  n += await s.consulting.seedDemo(actor, enquiries);
  return n;
}
