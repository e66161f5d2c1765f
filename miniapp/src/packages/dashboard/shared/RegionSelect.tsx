import { useEffect, useMemo } from 'react';
import { SelectField } from '../../../components/form/SelectField';
import type { ScopeOption } from '../../../lib/region-scope';

/**
 * 统计区域: only the regions the staff member covers (their roles' regions and two levels below), as
 * full names; the first one is chosen until they pick another. `id` unique per page (h5 keeps the
 * pages below the top one in the document).
 */
export function RegionSelect(props: { id: string; options: ScopeOption[]; value: number | null; onChange: (id: number) => void }) {
  const { id, options, value, onChange } = props;
  useEffect(() => {
    if (value === null && options.length) onChange(options[0].id);
  }, [value, options, onChange]);
  const choices = useMemo(() => options.map((o) => ({ value: String(o.id), label: o.fullName })), [options]);
  return (
    <SelectField
      id={id}
      label='统计区域'
      value={value === null ? '' : String(value)}
      options={choices}
      onChange={(v) => onChange(Number(v))}
      hint='只能选择您负责的区域，数字包括其下的社区、村'
    />
  );
}
