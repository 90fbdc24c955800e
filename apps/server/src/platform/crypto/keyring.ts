import fs from 'node:fs';
import path from 'node:path';
import { deriveKey, randomBytes } from './primitives.js';

/**
 * Master keys, by key id. MWSP_MASTER_KEY is either one base64/hex key of ≥ 32 bytes (id "k1")
 * or a rotation list "k2:BASE64,k1:BASE64" whose first entry is current. Old ids stay for reading.
 * In production the master key would be unwrapped by the bureau's certified 密码机/KMS; here it
 * comes from the environment or, in demo mode, from a generated file in the data folder.
 */
export class KeyRing {
  readonly currentId: string;
  readonly oldestId: string;
  private readonly masters = new Map<string, Buffer>();

  constructor(spec: string) {
    const entries = spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length === 0) throw new Error('主密钥为空 / empty master key');
    for (const [i, entry] of entries.entries()) {
      const m = /^([a-z][a-z0-9]{0,15}):(.+)$/i.exec(entry);
      const id = m ? m[1] : entries.length === 1 ? 'k1' : `k${entries.length - i}`;
      const key = decodeKey(m ? m[2] : entry);
      if (key.length < 32) throw new Error(`主密钥 ${id} 至少 32 字节 / master key ${id} must be ≥ 32 bytes`);
      this.masters.set(id, key);
    }
    const ids = [...this.masters.keys()];
    this.currentId = ids[0];
    this.oldestId = ids[ids.length - 1];
  }

  has(id: string): boolean {
    return this.masters.has(id);
  }

  /** A purpose-bound subkey of master key `id` (HKDF-SM3). */
  subkey(purpose: string, length: number, id = this.currentId): Buffer {
    const master = this.masters.get(id);
    if (!master) throw new Error(`未知的密钥编号 / unknown key id: ${id}`);
    return deriveKey(master, `mwsp/${purpose}`, length);
  }
}

function decodeKey(text: string): Buffer {
  return /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
}

/** Demo mode without MWSP_MASTER_KEY: a random key generated once into <dataDir>/keys/master.key (0600). */
export function loadOrCreateDemoKey(dataDir: string): string {
  const file = path.join(dataDir, 'keys', 'master.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64');
  fs.writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}
