import type { MwspModule } from '../platform/platform.js';
import { registryModule } from './registry/index.js';
import { employmentModule } from './employment/index.js';
import { rightsModule } from './rights/index.js';
import { trainingModule } from './training/index.js';
import { wagesModule } from './wages/index.js';

/** Every domain module, in start-up order (permissions, import kinds and routes follow it). One line per module. */
export const MODULES = [registryModule, wagesModule, rightsModule, trainingModule, employmentModule] as const;

type ServicesOf<M> = M extends MwspModule<infer S> ? S : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The services of every module, merged (e.g. `registry`, `projects`, `engine`). */
export type ModuleServices = Intersection<ServicesOf<(typeof MODULES)[number]>>;
