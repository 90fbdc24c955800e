import { Card, Checkbox, Col, Empty, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import type { Permission } from '../../../../api/types';

/** Fallback names for the foundation's permission modules (used when no name is known). */
const moduleFallbackNames: Record<string, string> = {
  system: '系统管理',
  security: '安全管理',
  'personal-data': '个人信息保护',
  regions: '行政区划',
  departments: '部门管理',
  users: '用户管理',
  roles: '角色权限',
  tokens: 'API 令牌',
  audit: '安全审计',
  calendar: '工作日历',
  overview: '首页概览',
};

export function moduleLabel(module: string, names: Map<string, string>): string {
  return names.get(module) ?? moduleFallbackNames[module] ?? module;
}

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  permissions: Permission[];
  moduleNames: Map<string, string>;
  readOnly?: boolean;
}

/** Checkboxes of permissions grouped by module. Admin permissions are shown but never selectable. */
export function PermissionPicker({ value = [], onChange, permissions, moduleNames, readOnly }: Props) {
  const groups = useMemo(() => {
    const map = new Map<string, Permission[]>();
    for (const p of permissions) {
      const list = map.get(p.module) ?? [];
      list.push(p);
      map.set(p.module, list);
    }
    return [...map.entries()];
  }, [permissions]);
  const selected = new Set(value);

  if (permissions.length === 0) return <Empty description="暂无权限数据" />;

  const toggle = (code: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(code);
    else next.delete(code);
    onChange?.(permissions.filter((p) => next.has(p.code)).map((p) => p.code));
  };

  const toggleGroup = (list: Permission[], checked: boolean) => {
    const next = new Set(selected);
    for (const p of list) {
      if (p.admin) continue;
      if (checked) next.add(p.code);
      else next.delete(p.code);
    }
    onChange?.(permissions.filter((p) => next.has(p.code)).map((p) => p.code));
  };

  return (
    <Space direction="vertical" size={12} style={{ display: 'flex' }}>
      {groups.map(([module, list]) => {
        const selectable = list.filter((p) => !p.admin);
        const count = selectable.filter((p) => selected.has(p.code)).length;
        return (
          <Card
            key={module}
            size="small"
            title={
              <Checkbox
                disabled={readOnly || selectable.length === 0}
                checked={selectable.length > 0 && count === selectable.length}
                indeterminate={count > 0 && count < selectable.length}
                onChange={(e) => toggleGroup(list, e.target.checked)}
              >
                {moduleLabel(module, moduleNames)}
              </Checkbox>
            }
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                已选 {list.filter((p) => selected.has(p.code)).length} / {list.length}
              </Typography.Text>
            }
          >
            <Row gutter={[8, 8]}>
              {list.map((p) => {
                const box = (
                  <Checkbox
                    checked={selected.has(p.code)}
                    disabled={readOnly || p.admin}
                    onChange={(e) => toggle(p.code, e.target.checked)}
                  >
                    <Space size={4}>
                      <span>{p.name}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.code}
                      </Typography.Text>
                      {p.sensitive && <Tag color="red">敏感</Tag>}
                      {p.admin && <Tag color="purple">三员</Tag>}
                    </Space>
                  </Checkbox>
                );
                return (
                  <Col key={p.code} xs={24} md={12}>
                    {p.admin && !readOnly ? (
                      <Tooltip title="三员管理权限只属于内置的三员角色，不能授予自定义角色">{box}</Tooltip>
                    ) : (
                      box
                    )}
                  </Col>
                );
              })}
            </Row>
          </Card>
        );
      })}
    </Space>
  );
}
