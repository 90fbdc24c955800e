import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { creditCodeSchema, idNumberSchema, mobileSchema, regionCodeSchema } from './schemas.js';

describe('shared Zod schemas', () => {
  it('normalise valid input', () => {
    expect(idNumberSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(idNumberSchema.parse('110105491231002')).toBe('11010519491231002X');
    expect(mobileSchema.parse('+86 138-1234-1234')).toBe('13812341234');
    expect(regionCodeSchema.parse('530100000000')).toBe('5301');
    expect(creditCodeSchema.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(creditCodeSchema.parse('91350100M000100Y44')).toBe('91350100M000100Y44'); // warning only
  });

  it('report the validators’ Chinese messages', () => {
    const messages = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.message);
    expect(messages(idNumberSchema, '110105194912310021')).toEqual(['身份证号码校验码错误，请核对']);
    expect(messages(mobileSchema, '12812341234')).toEqual(['手机号码格式不正确（应以13至19开头）']);
    expect(messages(regionCodeSchema, '530002')).toEqual(['行政区划代码无效']);
    expect(messages(creditCodeSchema, '123')).toEqual(['统一社会信用代码应为18位（当前3位）']);
    expect(messages(idNumberSchema, undefined)).toEqual(['请输入身份证号码']);
    expect(messages(mobileSchema, 13812341234)).toEqual(['请输入手机号码']);
  });

  it('report issues at the field path inside objects', () => {
    const form = z.object({ idNumber: idNumberSchema, phone: mobileSchema.optional() });
    const r = form.safeParse({ idNumber: '110105194902300021', phone: '138' });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['idNumber', '出生日期无效：1949年02月30日'],
      ['phone', '手机号码应为11位（当前3位）'],
    ]);
  });

  it('convert to JSON Schema (for OpenAPI)', () => {
    const json = z.toJSONSchema(z.object({ idNumber: idNumberSchema, regionCode: regionCodeSchema }));
    expect(json.properties?.idNumber).toMatchObject({
      type: 'string',
      description: expect.stringContaining('身份号码'),
    });
  });
});
