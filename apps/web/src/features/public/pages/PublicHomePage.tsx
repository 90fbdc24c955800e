import { FormOutlined, PhoneOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { HOTLINE, PublicShell } from './PublicShell';

const entries = [
  {
    to: '/wage-lookup',
    icon: <SearchOutlined style={{ fontSize: 28, color: '#1d3b72' }} />,
    title: '农民工工资发放查询',
    text: '扫描施工现场维权告示牌上的二维码，或输入项目编号，凭本人身份证号码和姓名查询每月工资的应发、实发和到账情况。',
    testId: 'public-home-lookup',
  },
  {
    to: '/public/defaulters',
    icon: <StopOutlined style={{ fontSize: 28, color: '#c00000' }} />,
    title: '失信联合惩戒对象名单',
    text: '依法公示列入拖欠农民工工资失信联合惩戒对象名单的用人单位，可按单位名称或统一社会信用代码查询。',
    testId: 'public-home-defaulters',
  },
  {
    to: '/public/complaint',
    icon: <FormOutlined style={{ fontSize: 28, color: '#d46b08' }} />,
    title: '欠薪投诉与进度查询',
    text: '遇到拖欠工资等问题，可在手机上直接投诉，无需注册；提交后凭回执号和手机号查询办理进度。',
    testId: 'public-home-complaint',
  },
];

/** /public — the landing page of what everyone may see without signing in. */
export default function PublicHomePage() {
  return (
    <PublicShell title="公共服务">
      <Row gutter={[16, 16]} data-testid="public-home">
        {entries.map((e) => (
          <Col key={e.to} xs={24} md={12}>
            <Link to={e.to} data-testid={e.testId} style={{ display: 'block', height: '100%' }}>
              <Card hoverable variant="borderless" style={{ height: '100%' }}>
                <Card.Meta avatar={e.icon} title={e.title} description={e.text} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph style={{ marginTop: 24 }}>
        <PhoneOutlined /> 遇到欠薪，请先向项目劳资专管员反映；也可拨打 <strong>{HOTLINE}</strong>{' '}
        人力资源社会保障服务热线，或到当地劳动保障监察机构投诉。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        工作人员请 <a href="/login">登录管理平台</a>。
      </Typography.Paragraph>
    </PublicShell>
  );
}
