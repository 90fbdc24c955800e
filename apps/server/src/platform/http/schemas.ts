// The shared request pieces are part of the contract (packages/domain contracts/common.ts).
export { pageQuery, uuidParam } from '@mwsp/domain';
