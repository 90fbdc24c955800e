import type { FastifyInstance } from 'fastify';
import {
  agreementCreateSchema,
  agreementPageSchema,
  agreementSchema,
  brandCreateSchema,
  brandPageSchema,
  brandSchema,
  groupCreateSchema,
  groupPageSchema,
  groupSchema,
  modelSiteCreateSchema,
  modelSitePageSchema,
  modelSiteSchema,
  programListQuery,
  stationCreateSchema,
  stationPageSchema,
  stationSchema,
} from '@mwsp/domain';
import type { CooperationService } from './cooperation.service.js';
import { listAndCreate } from './programs.routes.js';

const tags = ['劳务协作'];

export function cooperationRoutes(app: FastifyInstance, co: CooperationService) {
  listAndCreate(app, '/api/cooperation/agreements', {
    tags,
    list: {
      summary: '劳务协作协议列表（输出地—输入地）',
      query: programListQuery,
      response: agreementPageSchema,
      run: (p, q) => co.agreements(p, q),
    },
    create: {
      summary: '登记劳务协作协议（协议方、期限、内容、目标人数）',
      body: agreementCreateSchema,
      response: agreementSchema,
      run: (p, b) => co.createAgreement(p, b),
    },
  });
  listAndCreate(app, '/api/cooperation/stations', {
    tags,
    list: {
      summary: '输入地服务工作站列表',
      query: programListQuery,
      response: stationPageSchema,
      run: (p, q) => co.stations(p, q),
    },
    create: {
      summary: '登记服务工作站（工作人员、服务的务工人员）',
      body: stationCreateSchema,
      response: stationSchema,
      run: (p, b) => co.createStation(p, b),
    },
  });
  listAndCreate(app, '/api/cooperation/groups', {
    tags,
    list: {
      summary: '有组织输出批次列表',
      query: programListQuery,
      response: groupPageSchema,
      run: (p, q) => co.groups(p, q),
    },
    create: {
      summary: '登记有组织输出（出发日期、目的地、输出人员及就业单位）',
      body: groupCreateSchema,
      response: groupSchema,
      run: (p, b) => co.createGroup(p, b),
    },
  });
  listAndCreate(app, '/api/cooperation/brands', {
    tags,
    list: {
      summary: '劳务品牌列表',
      query: programListQuery,
      response: brandPageSchema,
      run: (p, q) => co.brands(p, q),
    },
    create: {
      summary: '登记劳务品牌及其成员',
      body: brandCreateSchema,
      response: brandSchema,
      run: (p, b) => co.createBrand(p, b),
    },
  });
  listAndCreate(app, '/api/cooperation/model-sites', {
    tags,
    list: {
      summary: '农村劳动力转移就业示范乡镇（村）列表',
      query: programListQuery,
      response: modelSitePageSchema,
      run: (p, q) => co.modelSites(p, q),
    },
    create: {
      summary: '登记转移就业示范乡镇（村）',
      body: modelSiteCreateSchema,
      response: modelSiteSchema,
      run: (p, b) => co.createModelSite(p, b),
    },
  });
}
