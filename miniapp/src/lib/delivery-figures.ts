/** 送达情况 of one notice, for staff: the numbers and the same in one plain sentence. */
export interface DeliveryFiguresLike {
  targeted: number;
  sent: number;
  refused: number;
  failed: number;
  queued: number;
  read: number;
}

export function deliveryRows(f: DeliveryFiguresLike): Array<{ key: keyof DeliveryFiguresLike; label: string; value: number }> {
  return [
    { key: 'targeted', label: '推送对象', value: f.targeted },
    { key: 'sent', label: '微信已送达', value: f.sent },
    { key: 'refused', label: '无提醒次数', value: f.refused },
    { key: 'failed', label: '发送失败', value: f.failed },
    { key: 'queued', label: '排队发送中', value: f.queued },
    { key: 'read', label: '已打开', value: f.read },
  ];
}

export function deliverySentence(f: DeliveryFiguresLike): string {
  if (f.targeted <= 0) return '还没有居民订阅这条信息所属的地区和领域，所以没有推送；居民仍可在首页看到它。';
  const parts = [`微信已送达 ${f.sent} 位`];
  if (f.refused > 0) parts.push(`${f.refused} 位没有剩余的提醒次数（只在“消息”里能看到）`);
  if (f.failed > 0) parts.push(`${f.failed} 位发送失败`);
  if (f.queued > 0) parts.push(`${f.queued} 位还在排队发送`);
  return `共推送给 ${f.targeted} 位订阅的居民：${parts.join('，')}；其中 ${f.read} 位已打开这条信息。`;
}
