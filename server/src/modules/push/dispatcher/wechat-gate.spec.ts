import { WechatGate } from './wechat-gate';

describe('WechatGate', () => {
  let now = 0;
  const gate = () => new WechatGate({ threshold: 3, firstPauseMs: 5000, maxPauseMs: 30_000 }, () => now);
  beforeEach(() => (now = 1_000_000));

  it('stays open through isolated failures; an answer resets the count', () => {
    const g = gate();
    g.record(false, false, 'timeout');
    g.record(false, false, 'timeout');
    g.record(true, false);
    g.record(false, false, 'network');
    g.record(false, false, 'network');
    expect(g.open).toBe(true);
    expect(g.takeProbe()).toBe(false);
  });

  it('shuts after three sends in a row without an answer, then lets one probe through once the pause is over', () => {
    const g = gate();
    for (let i = 0; i < 3; i++) g.record(false, false, 'network: ECONNREFUSED');
    expect(g.open).toBe(false);
    expect(g.lastError).toBe('network: ECONNREFUSED');
    expect(g.msUntilProbe()).toBe(5000);
    // Stragglers failing meanwhile do not extend the pause.
    g.record(false, false, 'timeout');
    expect(g.msUntilProbe()).toBe(5000);
    expect(g.takeProbe()).toBe(false);
    now += 5000;
    expect(g.takeProbe()).toBe(true);
    expect(g.takeProbe()).toBe(false); // one at a time
  });

  it('doubles the pause after each failed probe, up to the maximum; any answer opens it', () => {
    const g = gate();
    for (let i = 0; i < 3; i++) g.record(false, false);
    const pauses: number[] = [];
    for (let i = 0; i < 5; i++) {
      now += g.msUntilProbe();
      expect(g.takeProbe()).toBe(true);
      g.record(false, true, 'timeout');
      pauses.push(g.msUntilProbe());
    }
    expect(pauses).toEqual([10_000, 20_000, 30_000, 30_000, 30_000]);
    now += 30_000;
    expect(g.takeProbe()).toBe(true);
    g.record(true, true); // e.g. WeChat answered -1: it is reachable
    expect(g.open).toBe(true);
    expect(g.msUntilProbe()).toBe(0);
    // Down again later: the pause starts from the first one.
    for (let i = 0; i < 3; i++) g.record(false, false);
    expect(g.msUntilProbe()).toBe(5000);
  });

  it('a probe that was not sent frees the slot for another', () => {
    const g = gate();
    for (let i = 0; i < 3; i++) g.record(false, false);
    now += 5000;
    expect(g.takeProbe()).toBe(true);
    g.cancelProbe();
    expect(g.takeProbe()).toBe(true);
  });
});
