// The shared request shapes live with the contracts (packages/domain/src/contracts/common.ts).
export { pageQuery, uuidParam } from '@mwsp/domain';
