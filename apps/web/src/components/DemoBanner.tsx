import { Alert } from 'antd';
import { useSystemInfo } from './useSystemInfo';

const DEMO_TEXT = '演示数据：当前系统展示的人员、单位等数据均为虚构的演示数据，请勿录入真实个人信息。';

/** Warning shown whenever the deployment runs on demonstration data. */
export function DemoBanner({ banner = true }: { banner?: boolean }) {
  const { data } = useSystemInfo();
  if (!data?.demoData) return null;
  return <Alert type="warning" showIcon banner={banner} message={DEMO_TEXT} data-testid="demo-banner" />;
}
