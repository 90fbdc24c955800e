import path from 'node:path';
import { z } from 'zod';
import { normalizeRegionCode } from '@mwsp/domain';

/** Runtime configuration, read once from the environment and validated (中文/English messages). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  cityCode: string; // 4-digit statistical code of the deployment's city/prefecture, e.g. 5301 昆明市
  masterKey: string | null;
  mode: 'demo' | 'production';
  bootstrapPassword: string | null;
  logLevel: string;
  trustProxy: boolean;
  /** Workers of the synthetic city loaded on the first demo start (0: none). */
  demoWorkers: number;
  /** Public base URL of the console, for QR codes on notice boards (null: the request's host). */
  publicUrl: string | null;
  /** Minutes between incremental warning scans; a full scan runs daily (0: no scheduler). */
  scanIntervalMinutes: number;
}

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT 必须是端口号 / PORT must be a port number' })
    .int()
    .min(1)
    .max(65535)
    .default(3000),
  HOST: z.string().default('0.0.0.0'),
  MWSP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => v === '' || /^postgres(ql)?:\/\//.test(v),
      'DATABASE_URL 必须以 postgres:// 开头 / must start with postgres://',
    )
    .optional(),
  MWSP_CITY: z.string().default('530100'),
  MWSP_MASTER_KEY: z.string().optional(),
  MWSP_MODE: z
    .enum(['demo', 'production'], { error: 'MWSP_MODE 只能是 demo 或 production / must be demo or production' })
    .default('demo'),
  MWSP_BOOTSTRAP_PASSWORD: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MWSP_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  MWSP_DEMO_WORKERS: z.coerce
    .number({ error: 'MWSP_DEMO_WORKERS 必须是人数 / must be a number' })
    .int()
    .min(0)
    .max(2_000_000)
    .default(20000),
  MWSP_PUBLIC_URL: z.url({ error: 'MWSP_PUBLIC_URL 必须是网址 / must be a URL' }).optional(),
  MWSP_SCAN_MINUTES: z.coerce
    .number({ error: 'MWSP_SCAN_MINUTES 必须是分钟数 / must be minutes' })
    .int()
    .min(0)
    .max(1440)
    .default(5),
});

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置无效 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const cityCode = normalizeRegionCode(e.MWSP_CITY);
  if (!cityCode) throw new ConfigError(`MWSP_CITY 不是有效的行政区划代码 / not a region code: ${e.MWSP_CITY}`);
  if (cityCode.length !== 4) {
    throw new ConfigError(`MWSP_CITY 必须是地市级代码（如 530100 昆明市）/ must be a city-level code: ${e.MWSP_CITY}`);
  }
  const masterKey = e.MWSP_MASTER_KEY?.trim() || null;
  if (e.MWSP_MODE === 'production' && !masterKey) {
    throw new ConfigError('生产模式必须设置 MWSP_MASTER_KEY / MWSP_MASTER_KEY is required in production mode');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MWSP_DATA_DIR),
    databaseUrl: e.DATABASE_URL?.trim() || null,
    cityCode,
    masterKey,
    mode: e.MWSP_MODE,
    bootstrapPassword: e.MWSP_BOOTSTRAP_PASSWORD || null,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.MWSP_TRUST_PROXY === '1' || e.MWSP_TRUST_PROXY === 'true',
    demoWorkers: e.MWSP_DEMO_WORKERS,
    publicUrl: e.MWSP_PUBLIC_URL?.replace(/\/$/, '') ?? null,
    scanIntervalMinutes: e.MWSP_SCAN_MINUTES,
  };
}
