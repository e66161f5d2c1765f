import type { CatalogDto } from '@sunboard/shared';
import { catalogLabels, catalogOptions } from './catalog-labels';

describe('catalog labels', () => {
  it('uses the server names and falls back to the built-in ones', () => {
    const catalog = { kinds: [{ code: 'publicity', name: '公示公告' }] } as unknown as CatalogDto;
    const labels = catalogLabels(catalog);
    expect(labels.kinds('publicity')).toBe('公示公告');
    expect(labels.kinds('notice')).toBe('通知');
    expect(labels.channels('notice_board')).toBe('公开栏');
    expect(labels.domains('unknown_code')).toBe('unknown_code');
    expect(catalogLabels(null).methods('active')).toBe('主动公开');
  });
  it('lists options from the catalogue or the built-in table', () => {
    expect(catalogOptions(null, 'audiences')).toEqual([
      { code: 'public', name: '全社会' },
      { code: 'specific_group', name: '特定群体' },
    ]);
    expect(catalogOptions(null, 'domains')).toHaveLength(26);
    const catalog = { audiences: [{ code: 'public', name: '社会公众' }] } as unknown as CatalogDto;
    expect(catalogOptions(catalog, 'audiences')).toEqual([{ code: 'public', name: '社会公众' }]);
  });
});
