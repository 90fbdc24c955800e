import type { PermissionDef } from '../access/permissions.js';

export const ORG_PERMISSIONS: PermissionDef[] = [{ code: 'regions:read', name: '查看行政区划', module: 'system' }];
