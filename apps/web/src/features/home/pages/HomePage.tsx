import { ApartmentOutlined, ClusterOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Statistic } from 'antd';
import { getOverview, qk } from '../../../api/endpoints';
import { errorText } from '../../../components/feedback';
import { OverviewCharts } from './OverviewCharts';
import { WelcomeCard } from './WelcomeCard';

export default function HomePage() {
  const overview = useQuery({
    queryKey: qk.overview,
    queryFn: ({ signal }) => getOverview(signal),
    meta: { silent: true },
  });
  const data = overview.data;
  const regionTotal = data?.regions.reduce((sum, r) => sum + r.count, 0) ?? 0;
  const userTotal = data?.users?.reduce((sum, u) => sum + u.count, 0);

  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }}>
      <WelcomeCard />
      {overview.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : overview.isError ? (
        <Alert
          type="error"
          showIcon
          message="概览数据加载失败"
          description={errorText(overview.error)}
          action={
            <Button size="small" onClick={() => void overview.refetch()}>
              重试
            </Button>
          }
        />
      ) : (
        data && (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <Card variant="borderless">
                  <Statistic title="本市行政区划" value={regionTotal} suffix="个" prefix={<ClusterOutlined />} />
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card variant="borderless">
                  <Statistic title="部门" value={data.departments} suffix="个" prefix={<ApartmentOutlined />} />
                </Card>
              </Col>
              {userTotal !== undefined && (
                <Col xs={24} md={8}>
                  <Card variant="borderless">
                    <Statistic title="用户" value={userTotal} suffix="人" prefix={<TeamOutlined />} />
                  </Card>
                </Col>
              )}
            </Row>
            <OverviewCharts overview={data} />
          </>
        )
      )}
    </Space>
  );
}
