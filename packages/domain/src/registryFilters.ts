/**
 * The filters of a worker search — one contract for the list (`GET /api/workers`, query string)
 * and the export of its result (`POST /api/exports`, JSON body). The console builds both from the
 * same `WorkerFilters` value, so the two must accept exactly the same fields.
 */
import { z } from 'zod';
import { regionCodeSchema } from './schemas.js';

export const WORKER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type WorkerSort = (typeof WORKER_SORTS)[number];

/** Fields common to the list query and the export body (values that are strings in both). */
export const workerFilterFields = {
  q: z.string().trim().min(1).max(20).optional(),
  idNumber: z.string().max(30).optional(),
  phone: z.string().max(30).optional(),
  regionCode: regionCodeSchema.optional(),
  employerId: z.uuid({ error: '单位标识不正确' }).optional(),
  industry: z.string().max(2).optional(),
  migrantType: z.enum(['local', 'out'], { error: '本地/外出取值不正确' }).optional(),
  status: z.enum(['active', 'merged'], { error: '状态取值不正确' }).optional(),
  sort: z.enum(WORKER_SORTS, { error: '排序方式不正确' }).optional(),
};

/** The filters as a JSON object (the export's `filters`). */
export const workerFiltersSchema = z.strictObject({
  ...workerFilterFields,
  crossProvince: z.boolean({ error: '跨省取值应为 true 或 false' }).optional(),
});
export type WorkerFilters = z.output<typeof workerFiltersSchema>;
/** The list's query string: the same fields, the boolean as text. */
export const workerListQueryFilters = {
  ...workerFilterFields,
  crossProvince: z.enum(['true', 'false'], { error: '跨省取值应为 true 或 false' }).optional(),
};
