// Entry of a workerSeal.pool.ts thread: the server runs TypeScript through tsx, in the thread as well
// (registered here, so it also works where the parent's loader flags are not inherited, e.g. vitest).
import { register } from 'tsx/esm/api';

register();
await import('./workerSeal.thread.ts');
