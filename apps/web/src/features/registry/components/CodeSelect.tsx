import { Select, type SelectProps } from 'antd';
import { useCodeTables, type CodeTableName } from './useCodeTables';

/**
 * A searchable select over one code table (GET /api/code-tables). Form.Item passes value and onChange
 * through; `withCode` shows "code name" for tables people search by code (occupations, industries).
 */
export function CodeSelect({
  table,
  withCode = false,
  ...rest
}: { table: CodeTableName; withCode?: boolean } & Omit<SelectProps, 'options'>) {
  const codes = useCodeTables();
  return (
    <Select
      showSearch
      optionFilterProp="label"
      options={codes.options(table, withCode)}
      loading={codes.loading}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
