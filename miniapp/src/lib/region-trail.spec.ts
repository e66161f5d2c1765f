import { cutTrail, isHomeLevel, levelPrompt, rowAction, trailText } from './region-trail';

describe('region picker logic', () => {
  it('selects communities and villages, drills into the levels above', () => {
    expect(rowAction({ level: 'community', childCount: 5 })).toBe('select');
    expect(rowAction({ level: 'village', childCount: 0 })).toBe('select');
    expect(rowAction({ level: 'district', childCount: 3 })).toBe('drill');
    expect(rowAction({ level: 'street', childCount: 2 })).toBe('drill');
    expect(rowAction({ level: 'town', childCount: 0 })).toBe('none');
    expect(rowAction({ level: 'grid', childCount: 0 })).toBe('none');
    expect(isHomeLevel('grid')).toBe(false);
  });

  it('prompts for the next level', () => {
    expect(levelPrompt([])).toBe('请选择所在区县');
    expect(levelPrompt([{ level: 'district' }])).toBe('请选择所在街道或乡镇');
    expect(levelPrompt([{ level: 'district' }, { level: 'street' }])).toBe('请选择所在社区或村');
    expect(levelPrompt([{ level: 'district' }, { level: 'town' }])).toBe('请选择所在社区或村');
  });

  it('names and cuts the trail', () => {
    const trail = [{ name: '湛河区' }, { name: '马庄街道' }];
    expect(trailText(trail)).toBe('湛河区 / 马庄街道');
    expect(trailText(trail, '光明社区')).toBe('湛河区 / 马庄街道 / 光明社区');
    expect(cutTrail(trail, 0)).toEqual([{ name: '湛河区' }]);
    expect(cutTrail(trail, -1)).toEqual([]);
  });
});
