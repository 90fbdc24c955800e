// Calls and types of labour inspection on a grid (劳动保障监察 两网化): grids (网格) with their inspectors, and
// patrols, campaigns and written reviews. Types are aliases of the generated contract (`npm run gen:api`).
import { INSPECTION_KIND_LABELS, INSPECTION_STATUS_LABELS, type InspectionKind } from '@mwsp/domain';
import { DELETE, GET, PATCH, POST, PUT } from '../../api/typed';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/openapi';

export { INSPECTION_KIND_LABELS, INSPECTION_STATUS_LABELS, type InspectionKind };

export type Grid = ResponseOf<'/api/grids/{id}', 'get'>;
export type GridQuery = QueryOf<'/api/grids', 'get'>;
export type GridBody = BodyOf<'/api/grids', 'post'>;
export type Inspection = ResponseOf<'/api/inspections', 'get'>['items'][number];
export type InspectionQuery = QueryOf<'/api/inspections', 'get'>;
export type InspectionBody = BodyOf<'/api/inspections', 'post'>;
export type InspectionPatch = BodyOf<'/api/inspections/{id}', 'patch'>;

export const inspectionKeys = {
  all: ['inspection'] as const,
  grids: (q: GridQuery) => ['inspection', 'grids', q] as const,
  activities: (q: InspectionQuery) => ['inspection', 'activities', q] as const,
};

export const getGrids = (query: GridQuery, signal?: AbortSignal) => GET('/api/grids', { params: { query }, signal });
export const createGrid = (body: GridBody) => POST('/api/grids', { body });
export const updateGrid = (id: string, body: GridBody) => PUT('/api/grids/{id}', { params: { path: { id } }, body });
export const deleteGrid = (id: string) => DELETE('/api/grids/{id}', { params: { path: { id } } });

export const getInspections = (query: InspectionQuery, signal?: AbortSignal) =>
  GET('/api/inspections', { params: { query }, signal });
export const createInspection = (body: InspectionBody) => POST('/api/inspections', { body });
export const patchInspection = (id: string, body: InspectionPatch) =>
  PATCH('/api/inspections/{id}', { params: { path: { id } }, body });

export type GridReportBody = BodyOf<'/api/grids/{id}/reports', 'post'>;
/** 网格员上报线索: filed as a complaint (channel 网格员报告) in the grid's area. */
export const reportFromGrid = (id: string, body: GridReportBody) =>
  POST('/api/grids/{id}/reports', { params: { path: { id } }, body });
