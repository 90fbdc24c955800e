import { z } from 'zod';

/** Query parameters of every paginated list. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const uuidParam = z.strictObject({ id: z.uuid({ error: '编号格式不正确' }) });
