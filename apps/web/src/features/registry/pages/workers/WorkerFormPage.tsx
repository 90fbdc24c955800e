import { CodeSelect } from '../../components/CodeSelect';
import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../../../api/client';
import { leftBehindRelationOptions, skillLevelOptions } from '../../../../api/labels';
import { createWorker, getWorker, rqk, updateWorker } from '../../api';
import type { Worker, WorkerSaved } from '../../../../api/types';
import { FullPageSpin } from '../../../../auth/guards';
import { errorText, showApiError } from '../../../../components/feedback';
import { PageCard } from '../../../../components/PageCard';
import { useCodeTables } from '../../components/useCodeTables';
import { NationalRegionSelect } from '../../../../components/regions/NationalRegionSelect';
import { RegionTreeSelect } from '../../../../components/regions/RegionTreeSelect';
import { deriveFromIdNumber, IdNumberDerived, type DerivedInfo } from './IdNumberDerived';
import {
  bankCardProblem,
  bankCardWarning,
  charCount,
  contactFilled,
  createBody,
  currentYear,
  idNumberProblem,
  mobileProblem,
  patchBody,
  valuesOf,
  type WorkerFormValues,
} from './workerFormModel';

const check = (problem: string | null) => (problem ? Promise.reject(new Error(problem)) : Promise.resolve());

/** /workers/new and /workers/:id/edit */
export default function WorkerFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const worker = useQuery({
    queryKey: rqk.worker(id ?? ''),
    queryFn: ({ signal }) => getWorker(id as string, signal),
    enabled: !!id,
  });

  if (!id) return <WorkerForm worker={null} />;
  if (worker.isPending) return <FullPageSpin tip="正在加载档案…" />;
  if (worker.isError || !worker.data) {
    return (
      <Result
        status={isApiError(worker.error) && worker.error.status === 404 ? '404' : 'error'}
        title="无法加载务工人员档案"
        subTitle={
          isApiError(worker.error) && worker.error.status === 404
            ? '档案不存在或不在您的管辖范围内'
            : errorText(worker.error)
        }
        extra={<Button onClick={() => navigate('/workers')}>返回列表</Button>}
      />
    );
  }
  if (worker.data.status === 'merged') {
    return (
      <Result
        status="warning"
        title="该档案已合并，不能再修改"
        extra={
          worker.data.mergedInto ? (
            <Button type="primary" onClick={() => navigate(`/workers/${worker.data.mergedInto}`)}>
              查看合并后的档案
            </Button>
          ) : (
            <Button onClick={() => navigate('/workers')}>返回列表</Button>
          )
        }
      />
    );
  }
  // Remount when a newer version is loaded (after a conflict).
  return (
    <WorkerForm
      key={`${worker.data.id}:${worker.data.version}`}
      worker={worker.data}
      onReload={() => void worker.refetch()}
    />
  );
}

interface Duplicate {
  detail: string;
  existingId: string | null;
}

function scrollToFirstError(form: FormInstance) {
  const first = form.getFieldsError().find((f) => f.errors.length > 0);
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
}

function WorkerForm({ worker, onReload }: { worker: Worker | null; onReload?: () => void }) {
  const [form] = Form.useForm<WorkerFormValues>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, notification } = App.useApp();
  const codes = useCodeTables();
  const editing = !!worker;
  const [changeId, setChangeId] = useState(false);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const year = currentYear();

  const initialValues = useMemo<WorkerFormValues>(
    () => (worker ? valuesOf(worker) : { skills: [], accompanyingChildren: [], leftBehind: [], emergencyContact: {} }),
    [worker],
  );

  const idTyped = Form.useWatch('idNumber', form);
  const idEditable = !editing || changeId;
  const derived: DerivedInfo | null = useMemo(() => {
    if (idEditable) return deriveFromIdNumber(idTyped);
    if (!worker) return null;
    const origin = /^\d{6}/.exec(worker.idNumber)?.[0];
    return origin ? { birthDate: worker.birthDate, sex: worker.sex, age: worker.age, regionCode: origin } : null;
  }, [idEditable, idTyped, worker]);

  const showWarnings = (res: WorkerSaved) => {
    if (res.warnings && res.warnings.length > 0) {
      notification.warning({
        message: editing ? '已保存，请注意以下提示' : '登记成功，请注意以下提示',
        description: (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {res.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ),
        duration: 0,
      });
    }
  };

  const save = useMutation({
    mutationFn: async (values: WorkerFormValues): Promise<WorkerSaved | null> => {
      if (!worker) return createWorker(createBody(values));
      const { patch, changed, maskedNames } = patchBody(worker, values, changeId);
      if (maskedNames.length > 0) {
        form.setFields(
          maskedNames.map((name) => ({
            name: name as never,
            errors: ['此处为脱敏姓名，修改本列表时请重新填写完整姓名'],
          })),
        );
        throw new Error('请重新填写列表中脱敏显示的姓名');
      }
      if (!changed) return null;
      return updateWorker(worker.id, patch);
    },
    onSuccess: (res) => {
      if (!res) {
        message.info('未做任何修改');
        // navigate() is fire-and-forget: the router reports a failed navigation itself (error boundary).
        if (worker) void navigate(`/workers/${worker.id}`);
        return;
      }
      const { warnings: _warnings, ...saved } = res;
      // The answer is the worker without its insurance records (the profile's); keep the cached ones until the
      // refetch below (a new worker has none).
      qc.setQueryData<Worker>(rqk.worker(saved.id), (old) => ({ ...saved, insurance: old?.insurance ?? [] }));
      void qc.invalidateQueries({ queryKey: rqk.workersAll });
      message.success(editing ? '档案已保存' : `已登记务工人员“${saved.name}”`);
      showWarnings(res);
      void navigate(`/workers/${saved.id}`, { replace: !editing }); // fire-and-forget, as above
    },
    onError: (err) => {
      setDuplicate(null);
      setConflict(null);
      if (isApiError(err) && err.status === 409 && err.code === 'DUPLICATE') {
        const existingId = typeof err.problem.existingId === 'string' ? err.problem.existingId : null;
        setDuplicate({ detail: err.detail, existingId });
        form.setFields([{ name: 'idNumber', errors: [err.detail || '该身份证号码已登记'] }]);
        topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        return;
      }
      if (isApiError(err) && err.status === 409 && editing) {
        setConflict(err.detail);
        topRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        return;
      }
      if (isApiError(err)) showApiError(err, form);
      else message.error(errorText(err));
      scrollToFirstError(form);
    },
  });

  const contactRule = (field: 'name' | 'relation' | 'phone', label: string) => ({
    validator: (_: unknown, v?: string) => {
      const contact = form.getFieldValue('emergencyContact') as WorkerFormValues['emergencyContact'];
      if (contactFilled(contact) && (!v || !String(v).trim())) {
        return Promise.reject(new Error(`填写紧急联系人时，请同时填写${label}`));
      }
      if (field === 'phone') return check(mobileProblem(v));
      return Promise.resolve();
    },
  });

  return (
    <PageCard
      title={editing ? `编辑务工人员：${worker?.name}` : '登记务工人员'}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(editing ? `/workers/${worker?.id}` : '/workers')}>
          返回
        </Button>
      }
    >
      <div ref={topRef} />
      {duplicate && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setDuplicate(null)}
          style={{ marginBottom: 16 }}
          message="该身份证号码已登记，不能重复登记"
          description={
            <Space direction="vertical" size={4}>
              <span>{duplicate.detail}</span>
              {duplicate.existingId && <Link to={`/workers/${duplicate.existingId}`}>查看已登记的务工人员档案</Link>}
            </Space>
          }
        />
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="保存失败：档案在您编辑期间已被修改"
          description={`${conflict.replace(/[。.]$/, '')}。请重新加载后再修改；重新加载将丢失本页未保存的内容。`}
          action={
            <Button size="small" onClick={onReload}>
              重新加载
            </Button>
          }
        />
      )}
      <Form<WorkerFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
        onFinishFailed={() => scrollToFirstError(form)}
        onValuesChange={(changed: Partial<WorkerFormValues>) => {
          if ('idNumber' in changed && duplicate) setDuplicate(null);
        }}
        autoComplete="off"
        scrollToFirstError={false}
        style={{ maxWidth: 1100 }}
      >
        <Divider orientation="left" orientationMargin={0}>
          基本信息
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="name"
              label="姓名"
              required
              extra="与身份证一致；少数民族姓名中的间隔号请用“·”"
              rules={[
                {
                  validator: (_, v?: string) => {
                    if (!v || !v.trim()) return Promise.reject(new Error('请输入姓名'));
                    if (charCount(v.trim()) > 50) return Promise.reject(new Error('姓名不超过 50 个字'));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input data-testid="worker-name" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            {idEditable ? (
              <Form.Item
                name="idNumber"
                label="身份证号码"
                required
                validateFirst
                extra={
                  editing ? (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setChangeId(false)}>
                      取消更正，保留原号码
                    </Button>
                  ) : undefined
                }
                rules={[{ validator: (_, v?: string) => check(idNumberProblem(v)) }]}
              >
                <Input
                  data-testid="worker-id-number"
                  maxLength={20}
                  autoComplete="off"
                  style={{ fontFamily: 'monospace' }}
                />
              </Form.Item>
            ) : (
              <Form.Item
                label="身份证号码"
                extra={
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setChangeId(true)}>
                    号码登记有误？更正身份证号码
                  </Button>
                }
              >
                <Input
                  data-testid="worker-id-number"
                  value={worker?.idNumber}
                  disabled
                  style={{ fontFamily: 'monospace' }}
                />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item label="由身份证号码识别">
              <IdNumberDerived
                info={derived}
                onUseAsHukou={(code) => {
                  form.setFieldsValue({ hukouRegionCode: code });
                  void form.validateFields(['hukouRegionCode']);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
              <CodeSelect table="ethnicities" placeholder="请选择民族" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="education" label="文化程度" rules={[{ required: true, message: '请选择文化程度' }]}>
              <CodeSelect table="educations" placeholder="请选择文化程度" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="phone"
              label="手机号码"
              extra={editing ? `当前：${worker?.phone ?? '未登记'}；留空表示不修改` : '选填'}
              rules={[{ validator: (_, v?: string) => check(mobileProblem(v)) }]}
            >
              <Input inputMode="tel" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          户籍与居住
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="hukouRegionCode"
              label="户籍地"
              extra="可逐级选择全国任一县（市、区），或直接输入名称搜索"
              rules={[{ required: true, message: '请选择户籍地' }]}
            >
              <NationalRegionSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="residenceRegionCode"
              label="现居住地"
              extra="本市范围内，可选到村（社区）"
              rules={[{ required: true, message: '请选择现居住地' }]}
            >
              <RegionTreeSelect allowClear={false} placeholder="请选择现居住地" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          职业技能
        </Divider>
        <Form.List name="skills">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={12} align="top">
                  <Col xs={24} md={10}>
                    <Form.Item
                      name={[name, 'occupationCode']}
                      label="工种（职业）"
                      rules={[{ required: true, message: '请选择工种' }]}
                    >
                      <CodeSelect table="occupations" withCode placeholder="输入名称或代码搜索" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item
                      name={[name, 'certificate']}
                      label="证书名称或编号"
                      rules={[{ max: 100, message: '不超过 100 个字' }]}
                    >
                      <Input placeholder="选填" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={6}>
                    <Form.Item name={[name, 'level']} label="技能等级" rules={[{ max: 50, message: '不超过 50 个字' }]}>
                      <AutoComplete options={skillLevelOptions} placeholder="选填" allowClear />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Form.Item label=" ">
                      <Button
                        type="text"
                        danger
                        aria-label="删除此项技能"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 8 }}>
                添加技能
              </Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left" orientationMargin={0}>
          工资卡
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="bankCard"
              label="银行卡号"
              extra={
                editing
                  ? `当前：${worker?.bankCard ?? '未登记'}；留空表示不修改`
                  : '选填；用于工资代发，卡号校验未通过时仅提示、仍可保存'
              }
              rules={[
                { validator: (_, v?: string) => check(bankCardProblem(v)) },
                { warningOnly: true, validator: (_, v?: string) => check(bankCardWarning(v)) },
              ]}
            >
              <Input inputMode="numeric" maxLength={30} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="bankName"
              label="开户银行"
              dependencies={['bankCard']}
              rules={[
                { max: 100, message: '开户银行不超过 100 个字' },
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) =>
                    getFieldValue('bankCard')?.trim() && !v?.trim()
                      ? Promise.reject(new Error('请填写开户银行'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Input placeholder="如：中国农业银行昆明官渡支行" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          紧急联系人
        </Divider>
        {editing && (
          <Typography.Paragraph type="secondary">
            当前：
            {worker?.emergencyContact
              ? `${worker.emergencyContact.name}（${codes.nameOf('relations', worker.emergencyContact.relation)}），` +
                worker.emergencyContact.phone
              : '未登记'}
            。如需修改请完整填写姓名、关系和电话；留空表示不修改。
          </Typography.Paragraph>
        )}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['emergencyContact', 'name']}
              label="姓名"
              dependencies={[
                ['emergencyContact', 'relation'],
                ['emergencyContact', 'phone'],
              ]}
              rules={[contactRule('name', '姓名'), { max: 50, message: '姓名不超过 50 个字' }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['emergencyContact', 'relation']}
              label="与本人关系"
              dependencies={[
                ['emergencyContact', 'name'],
                ['emergencyContact', 'phone'],
              ]}
              rules={[contactRule('relation', '与本人关系')]}
            >
              <Select allowClear options={codes.options('relations')} loading={codes.loading} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['emergencyContact', 'phone']}
              label="联系电话"
              dependencies={[
                ['emergencyContact', 'name'],
                ['emergencyContact', 'relation'],
              ]}
              rules={[contactRule('phone', '联系电话')]}
            >
              <Input inputMode="tel" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          随迁子女
        </Divider>
        {editing && (worker?.accompanyingChildren.length ?? 0) > 0 && (
          <Typography.Paragraph type="secondary">
            姓名为脱敏显示；如修改本列表，请重新填写每位子女的完整姓名。
          </Typography.Paragraph>
        )}
        <Form.List name="accompanyingChildren">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={12} align="top">
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[name, 'name']}
                      label="子女姓名"
                      rules={[
                        { required: true, whitespace: true, message: '请输入姓名' },
                        { max: 50, message: '姓名不超过 50 个字' },
                      ]}
                    >
                      <Input autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[name, 'birthYear']}
                      label="出生年份"
                      rules={[{ required: true, message: '请输入出生年份' }]}
                    >
                      <InputNumber
                        min={year - 30}
                        max={year}
                        precision={0}
                        style={{ width: '100%' }}
                        placeholder={`如 ${year - 8}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={9}>
                    <Form.Item
                      name={[name, 'schoolStage']}
                      label="就学阶段"
                      rules={[{ required: true, message: '请选择就学阶段' }]}
                    >
                      <Select options={codes.options('schoolStages')} loading={codes.loading} placeholder="请选择" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Form.Item label=" ">
                      <Button
                        type="text"
                        danger
                        aria-label="删除此子女"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 8 }}>
                添加随迁子女
              </Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left" orientationMargin={0}>
          留守家庭成员
        </Divider>
        {editing && (worker?.leftBehind.length ?? 0) > 0 && (
          <Typography.Paragraph type="secondary">
            姓名为脱敏显示；如修改本列表，请重新填写每位成员的完整姓名。
          </Typography.Paragraph>
        )}
        <Form.List name="leftBehind">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row key={key} gutter={12} align="top">
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[name, 'relation']}
                      label="关系"
                      rules={[{ required: true, message: '请选择关系' }]}
                    >
                      <Select options={leftBehindRelationOptions} placeholder="请选择" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={9}>
                    <Form.Item
                      name={[name, 'name']}
                      label="姓名"
                      rules={[
                        { required: true, whitespace: true, message: '请输入姓名' },
                        { max: 50, message: '姓名不超过 50 个字' },
                      ]}
                    >
                      <Input autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={8}>
                    <Form.Item
                      name={[name, 'birthYear']}
                      label="出生年份"
                      rules={[{ required: true, message: '请输入出生年份' }]}
                    >
                      <InputNumber min={1900} max={year} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Form.Item label=" ">
                      <Button
                        type="text"
                        danger
                        aria-label="删除此成员"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 8 }}>
                添加留守家庭成员
              </Button>
            </>
          )}
        </Form.List>

        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="worker-submit">
            {editing ? '保存' : '提交登记'}
          </Button>
          <Button onClick={() => navigate(editing ? `/workers/${worker?.id}` : '/workers')}>取消</Button>
        </Space>
      </Form>
    </PageCard>
  );
}
