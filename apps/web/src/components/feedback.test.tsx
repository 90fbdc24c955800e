import { screen, waitFor } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { renderWithProviders } from '../test/render';
import { errorText, showApiError } from './feedback';

const validation = () =>
  new ApiError(
    422,
    {
      code: 'VALIDATION',
      detail: '提交的数据有误',
      errors: [
        { path: 'idNumber', message: '身份证号码校验位错误' },
        { path: 'emergencyContact.phone', message: '手机号码应为 11 位' },
        { path: 'version', message: '版本号缺失' },
      ],
    },
    '请求参数有误',
  );

describe('errorText', () => {
  it('says what went wrong in Chinese whatever was thrown', () => {
    expect(errorText(new ApiError(409, { detail: '该身份证号码已登记' }, '数据冲突'))).toBe('该身份证号码已登记');
    expect(errorText(new ApiError(500, {}, '服务器内部错误，请稍后再试'))).toBe('服务器内部错误，请稍后再试');
    expect(errorText(new Error('请重新填写列表中脱敏显示的姓名'))).toBe('请重新填写列表中脱敏显示的姓名');
    expect(errorText('boom')).toBe('操作失败，请稍后再试');
    expect(errorText(new Error(''))).toBe('操作失败，请稍后再试');
  });
});

describe('showApiError', () => {
  function Fields({ onForm }: { onForm: (f: FormInstance) => void }) {
    const [form] = Form.useForm();
    onForm(form);
    return (
      <Form form={form}>
        <Form.Item name="idNumber" label="身份证号码">
          <Input />
        </Form.Item>
        <Form.Item name={['emergencyContact', 'phone']} label="联系电话">
          <Input />
        </Form.Item>
      </Form>
    );
  }

  it('puts field errors under their fields and the rest into the message', async () => {
    let form: FormInstance | undefined;
    renderWithProviders(<Fields onForm={(f) => (form = f)} />);
    showApiError(validation(), form);
    expect(await screen.findByText('身份证号码校验位错误')).toBeInTheDocument();
    expect(screen.getByText('手机号码应为 11 位')).toBeInTheDocument();
    // The field without a form item is not lost: it is added to the message shown.
    expect(await screen.findByText('提交的数据有误：版本号缺失')).toBeInTheDocument();
  });

  it('lists every field error in the message when there is no form', async () => {
    renderWithProviders(<div />);
    showApiError(validation());
    expect(
      await screen.findByText('提交的数据有误：身份证号码校验位错误；手机号码应为 11 位；版本号缺失'),
    ).toBeInTheDocument();
  });

  it('stays silent for errors already handled globally (session lost)', async () => {
    renderWithProviders(<div />);
    const err = new ApiError(401, { detail: '会话已失效' }, '未登录或会话已失效');
    err.handledGlobally = true;
    showApiError(err);
    showApiError(new Error('另一个错误'));
    expect(await screen.findByText('另一个错误')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('会话已失效')).not.toBeInTheDocument());
  });
});
