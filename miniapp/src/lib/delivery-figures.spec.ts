import { deliveryRows, deliverySentence } from './delivery-figures';

const f = { targeted: 10, sent: 6, refused: 2, failed: 1, queued: 1, read: 3 };

describe('delivery figures', () => {
  it('lists every figure with a Chinese label', () => {
    expect(deliveryRows(f).map((r) => `${r.label}${r.value}`)).toEqual(['推送对象10', '微信已送达6', '无提醒次数2', '发送失败1', '排队发送中1', '已打开3']);
  });
  it('says the figures in one sentence, leaving out the zero ones', () => {
    expect(deliverySentence(f)).toBe(
      '共推送给 10 位订阅的居民：微信已送达 6 位，2 位没有剩余的提醒次数（只在“消息”里能看到），1 位发送失败，1 位还在排队发送；其中 3 位已打开这条信息。',
    );
    expect(deliverySentence({ ...f, refused: 0, failed: 0, queued: 0 })).toBe('共推送给 10 位订阅的居民：微信已送达 6 位；其中 3 位已打开这条信息。');
  });
  it('explains an empty audience', () => {
    expect(deliverySentence({ targeted: 0, sent: 0, refused: 0, failed: 0, queued: 0, read: 0 })).toContain('没有推送');
  });
});
