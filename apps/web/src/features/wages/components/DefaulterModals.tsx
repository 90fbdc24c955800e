// 列入名单 and 提前移出 of the defaulter list (人社部令第45号).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addMonthsToDate, DEFAULTER_BASES, defaulterBasisKind, defaulterTerm } from '@mwsp/domain';
import { Alert, App, AutoComplete, Checkbox, DatePicker, Descriptions, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../api/client';
import { createDefaulter, removeDefaulter, wqk } from '../api';
import type { Defaulter } from '../api';
import { errorText, showApiError } from '../../../components/feedback';
import { EmployerSelect } from '../../../components/EmployerSelect';
import { dayjs, notFuture } from '../../../components/time';
import { IntegrityBadge } from './IntegrityBadge';

/** 人社部令第45号 第五条: the grounds for listing. */
export const LISTING_BASES = [DEFAULTER_BASES.criminal.basis, DEFAULTER_BASES.incident.basis];

function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: wqk.defaultersAll });
    void qc.invalidateQueries({ queryKey: ['employers', 'integrity'] });
  };
}

interface ListValues {
  employerId?: string;
  basis?: string;
  reason?: string;
  responsiblePersons?: string;
  decisionNo?: string;
  listedOn?: Dayjs;
}

export function ListDefaulterModal({
  open,
  onClose,
  employerId,
  caseId,
  criminal,
  reason,
}: {
  open: boolean;
  onClose: () => void;
  /** Prefilled from an arrears case. */
  employerId?: string;
  caseId?: string;
  /** The case's criminal-threshold check (第五条第一项 needs a case that meets it). */
  criminal?: { met: boolean; explanation: string; seq: number };
  reason?: string;
}) {
  const [form] = Form.useForm<ListValues>();
  const { message, modal } = App.useApp();
  const basis = Form.useWatch('basis', form) as string | undefined;
  const criminalGround = defaulterBasisKind(basis ?? '') === 'criminal';
  const refused = criminalGround && !!criminal && !criminal.met;
  const refresh = useRefresh();
  const listedOn = Form.useWatch('listedOn', form) as Dayjs | undefined;
  const chosen = Form.useWatch('employerId', form) as string | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ employerId, reason, listedOn: dayjs() });
  }, [open, form, employerId, reason]);

  const save = useMutation({
    mutationFn: (v: ListValues) =>
      createDefaulter({
        employerId: v.employerId as string,
        caseId,
        basis: (v.basis ?? '').trim(),
        reason: (v.reason ?? '').trim(),
        responsiblePersons: v.responsiblePersons?.trim() || undefined,
        decisionNo: (v.decisionNo ?? '').trim(),
        listedOn: (v.listedOn as Dayjs).format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      message.success('已列入失信联合惩戒对象名单');
      refresh();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });

  // Listing is public for 3 years: confirm, and say plainly what the criminal-threshold ground rests on.
  const confirmList = (v: ListValues) =>
    modal.confirm({
      title: '确认列入失信联合惩戒对象名单？',
      content: (
        <div data-testid="defaulter-list-confirm">
          <p>
            列入后将向社会公开，有效期 3 年（至{' '}
            {v.listedOn ? defaulterTerm(v.listedOn.format('YYYY-MM-DD')).expiresOn : '—'}）。
          </p>
          {defaulterBasisKind(v.basis ?? '') === 'criminal' &&
            (criminal ? (
              <p>
                所关联欠薪案件（第 {criminal.seq} 号）：{criminal.explanation}。
              </p>
            ) : (
              <p>
                未关联欠薪案件，系统无法核验是否达到拒不支付劳动报酬罪数额标准，请确认已有认定依据（如生效裁判文书）。
              </p>
            ))}
          <p>公开名单只显示单位名称、统一社会信用代码、列入依据和决定书文号，不显示列入事由等内部信息。</p>
        </div>
      ),
      okText: '确认列入',
      okButtonProps: { danger: true },
      cancelText: '返回修改',
      onOk: () => save.mutateAsync(v).catch(() => undefined),
    });

  return (
    <Modal
      open={open}
      title="列入拖欠农民工工资失信联合惩戒对象名单"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="列入名单"
      okButtonProps={{ danger: true, disabled: refused, 'data-testid': 'defaulter-list-ok' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={640}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="列入前应已依法作出列入决定并告知当事人陈述申辩权利；名单向社会公开，有效期 3 年。"
      />
      {refused && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="defaulter-criminal-refused"
          message="不能以“达到拒不支付劳动报酬罪数额标准”为依据列入"
          description={`所关联的欠薪案件（第 ${criminal!.seq} 号）${criminal!.explanation}。请核实案件或选择其他列入依据。`}
        />
      )}
      <Form form={form} layout="vertical" onFinish={confirmList} autoComplete="off" data-testid="defaulter-list-form">
        <Form.Item
          name="employerId"
          label="用人单位"
          rules={[{ required: true, message: '请选择用人单位' }]}
          extra={
            chosen ? (
              <span>
                当前诚信等级：
                <IntegrityBadge employerId={chosen} />
              </span>
            ) : undefined
          }
        >
          <EmployerSelect disabled={!!employerId} />
        </Form.Item>
        <Form.Item
          name="basis"
          label="列入依据"
          rules={[
            { required: true, whitespace: true, message: '请填写或选择列入依据' },
            { max: 200, message: '不超过 200 个字符' },
          ]}
        >
          <AutoComplete options={LISTING_BASES.map((value) => ({ value }))} placeholder="选择或输入列入依据">
            <Input.TextArea rows={2} />
          </AutoComplete>
        </Form.Item>
        <Form.Item
          name="reason"
          label="列入事由"
          rules={[
            { required: true, whitespace: true, message: '请填写列入事由' },
            { max: 500, message: '不超过 500 个字符' },
          ]}
        >
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="拖欠事实：拖欠人数、金额、期间及查处情况" />
        </Form.Item>
        <Form.Item
          name="responsiblePersons"
          label="责任人员"
          extra="法定代表人或主要负责人、负有直接责任的有关人员（选填）"
          rules={[{ max: 200, message: '不超过 200 个字符' }]}
        >
          <Input placeholder="如：法定代表人 张某某" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="decisionNo"
          label="列入决定书文号"
          rules={[
            { required: true, whitespace: true, message: '请输入列入决定书文号' },
            { max: 60, message: '不超过 60 个字符' },
          ]}
        >
          <Input placeholder="如 ×人社失信决〔2026〕3号" maxLength={60} />
        </Form.Item>
        <Form.Item
          name="listedOn"
          label="列入日期"
          rules={[{ required: true, message: '请选择列入日期' }]}
          extra={
            listedOn ? `名单有效期至 ${defaulterTerm(listedOn.format('YYYY-MM-DD')).expiresOn}（3 年）` : undefined
          }
        >
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RemoveValues {
  correctedOn?: Dayjs;
  undertaking?: boolean;
  note?: string;
}

export function RemoveDefaulterModal({
  defaulter,
  open,
  onClose,
}: {
  defaulter: Defaulter | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<RemoveValues>();
  const { message, modal } = App.useApp();
  const refresh = useRefresh();
  const [refusal, setRefusal] = useState<string | null>(null);
  const correctedOn = Form.useWatch('correctedOn', form) as Dayjs | undefined;

  useEffect(() => {
    if (!open || !defaulter) return;
    setRefusal(null);
    form.resetFields();
    form.setFieldsValue({
      correctedOn: defaulter.correctedOn ? dayjs(defaulter.correctedOn) : undefined,
      undertaking: defaulter.undertaking,
    });
  }, [open, form, defaulter]);

  const save = useMutation({
    mutationFn: (v: RemoveValues) =>
      removeDefaulter((defaulter as Defaulter).id, {
        correctedOn: (v.correctedOn as Dayjs).format('YYYY-MM-DD'),
        undertaking: true,
        note: (v.note ?? '').trim(),
      }),
    onMutate: () => setRefusal(null),
    onSuccess: () => {
      message.success('已提前移出失信名单');
      refresh();
      onClose();
    },
    onError: (err) => {
      // The server explains why removal is refused (未满 6 个月、未清偿…): shown inside the dialog.
      if (isApiError(err) && err.status >= 400 && err.status < 500 && err.status !== 401) {
        setRefusal(err.errors.length ? `${err.detail}：${err.errors.map((e) => e.message).join('；')}` : err.detail);
      } else {
        setRefusal(errorText(err));
        showApiError(err);
      }
    },
  });

  const earliest = correctedOn ? addMonthsToDate(correctedOn.format('YYYY-MM-DD'), 6) : null;

  const finish = (v: RemoveValues) =>
    modal.confirm({
      title: '确认提前移出',
      content: `确认将“${defaulter?.employerName}”提前移出失信联合惩戒对象名单？移出后将不再向社会公示。`,
      okText: '确认移出',
      cancelText: '取消',
      onOk: () => save.mutateAsync(v).catch(() => undefined),
    });

  return (
    <Modal
      open={open}
      title={`提前移出名单：${defaulter?.employerName ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提前移出"
      okButtonProps={{ 'data-testid': 'defaulter-remove-ok' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
      width={600}
    >
      {defaulter && (
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="列入日期">{defaulter.listedOn}</Descriptions.Item>
          <Descriptions.Item label="届满日期">{defaulter.expiresOn}</Descriptions.Item>
          <Descriptions.Item label="决定书文号" span={2}>
            {defaulter.decisionNo}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="提前移出条件：已改正违法行为（全部清偿拖欠工资）、作出信用承诺，且自改正之日起满 6 个月。"
      />
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message="不能提前移出"
          description={refusal}
          data-testid="defaulter-remove-error"
        />
      )}
      <Form form={form} layout="vertical" onFinish={finish} autoComplete="off" data-testid="defaulter-remove-form">
        <Form.Item
          name="correctedOn"
          label="改正（全部清偿）日期"
          rules={[
            { required: true, message: '请选择改正日期' },
            {
              validator: (_, v?: Dayjs) =>
                v && defaulter && v.format('YYYY-MM-DD') < defaulter.listedOn
                  ? Promise.reject(new Error(`改正日期不应早于列入日期 ${defaulter.listedOn}`))
                  : Promise.resolve(),
            },
          ]}
          extra={earliest ? `满 6 个月之日：${earliest}` : undefined}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item
          name="undertaking"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v?: boolean) =>
                v ? Promise.resolve() : Promise.reject(new Error('提前移出须由当事人作出信用承诺')),
            },
          ]}
        >
          <Checkbox data-testid="defaulter-remove-undertaking">当事人已作出书面信用承诺</Checkbox>
        </Form.Item>
        <Form.Item
          name="note"
          label="移出说明"
          rules={[
            { required: true, whitespace: true, message: '请填写移出说明' },
            { min: 4, message: '请具体填写移出说明（不少于 4 个字）' },
            { max: 500, message: '不超过 500 个字符' },
          ]}
        >
          <Input.TextArea
            rows={3}
            showCount
            maxLength={500}
            placeholder="如：申请人提交清偿凭证及信用承诺书，经审核符合提前移出条件"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
