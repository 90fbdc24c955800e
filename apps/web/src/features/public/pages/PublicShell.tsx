import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { DemoBanner } from '../../../components/DemoBanner';
import { useSystemInfo } from '../../../components/useSystemInfo';

const PLATFORM_NAME = '农民工服务管理平台';

/** 12333: the national human-resources and social-security hotline (wage complaints). */
export const HOTLINE = '12333';

/** Frame of the public pages: no menu, no account, the hotline always in view. */
export function PublicShell({
  title,
  children,
  maxWidth = 960,
}: {
  title: string;
  children: ReactNode;
  maxWidth?: number;
}) {
  const { data: info } = useSystemInfo();
  const platform = info?.name || PLATFORM_NAME;

  useEffect(() => {
    document.title = `${title} - ${platform}`;
  }, [title, platform]);

  return (
    <Flex
      vertical
      style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 60%)' }}
      data-testid="public-shell"
    >
      <DemoBanner />
      <div style={{ background: '#1d3b72', color: '#fff', padding: '12px 16px' }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ maxWidth, margin: '0 auto' }}>
          <Space size={8} wrap>
            <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
              {platform}
            </Typography.Text>
            {info?.city && (
              <Tag icon={<EnvironmentOutlined />} color="blue">
                {info.city.name}
              </Tag>
            )}
          </Space>
          <Typography.Text style={{ color: '#fff' }}>
            <PhoneOutlined /> 欠薪维权热线 <strong>{HOTLINE}</strong>
          </Typography.Text>
        </Flex>
      </div>
      <div
        style={{ flex: 1, width: '100%', maxWidth, margin: '0 auto', padding: '24px 16px', boxSizing: 'border-box' }}
      >
        <Typography.Title level={3} style={{ color: '#1d3b72', marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </div>
      <div style={{ textAlign: 'center', padding: '16px', color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
        <Space split="·" wrap style={{ justifyContent: 'center' }}>
          <Link to="/wage-lookup">工资发放查询</Link>
          <Link to="/public/defaulters">失信联合惩戒名单公示</Link>
          <span>遇到欠薪请拨打 {HOTLINE} 人力资源社会保障服务热线</span>
        </Space>
        <div style={{ marginTop: 4 }}>
          {platform}
          {info?.city ? ` · ${info.city.name}` : ''}
        </div>
      </div>
    </Flex>
  );
}
