import { parsePushJson, readWechatPush, WechatPushError } from './wechat-push.parse';

const envelope = { ToUserName: 'gh_x', FromUserName: 'o_resident', CreateTime: 1700000000, MsgType: 'event' };

describe('parsePushJson', () => {
  it('keeps a msgid above 2^53 exact', () => {
    const parsed = parsePushJson('{"List":{"MsgID":1988810812324364291,"ErrorCode":0}}') as { List: { MsgID: string; ErrorCode: number } };
    expect(parsed.List.MsgID).toBe('1988810812324364291');
    expect(parsed.List.ErrorCode).toBe(0);
  });
});

describe('readWechatPush', () => {
  it('reads a receipt whose List is one object', () => {
    const push = readWechatPush({
      ...envelope,
      Event: 'subscribe_msg_sent_event',
      List: { TemplateId: 'tpl_notice', MsgID: '1988810812324364291', ErrorCode: 0, ErrorStatus: 'success' },
    });
    expect(push).toMatchObject({ kind: 'sent', openid: 'o_resident', receipts: [{ templateId: 'tpl_notice', msgid: '1988810812324364291', errorCode: 0, errorStatus: 'success' }] });
    if (push.kind !== 'sent') throw new Error('kind');
    expect(JSON.parse(push.receipts[0].raw)).toMatchObject({ FromUserName: 'o_resident', Event: 'subscribe_msg_sent_event', List: { MsgID: '1988810812324364291' } });
  });

  it('reads receipts whose List is an array', () => {
    const push = readWechatPush({
      ...envelope,
      Event: 'subscribe_msg_sent_event',
      List: [
        { TemplateId: 'tpl_a', MsgID: '11', ErrorCode: 0, ErrorStatus: 'success' },
        { TemplateId: 'tpl_b', MsgID: '12', ErrorCode: '20004', ErrorStatus: 'fail:user refuse' },
      ],
    });
    expect(push.kind === 'sent' && push.receipts.map((r) => [r.msgid, r.errorCode])).toEqual([
      ['11', 0],
      ['12', 20004],
    ]);
  });

  it('reads switch changes', () => {
    const push = readWechatPush({ ...envelope, Event: 'subscribe_msg_change_event', List: [{ TemplateId: 'tpl_a', SubscribeStatusString: 'reject' }] });
    expect(push).toMatchObject({ kind: 'change', changes: [{ templateId: 'tpl_a', status: 'reject' }] });
  });

  it('passes other events through untouched', () => {
    expect(readWechatPush({ ...envelope, Event: 'user_enter_tempsession' })).toEqual({ kind: 'other', event: 'user_enter_tempsession', openid: 'o_resident' });
  });

  it('names every bad field', () => {
    const issues = (body: unknown) => {
      try {
        readWechatPush(body);
      } catch (err) {
        if (err instanceof WechatPushError) return err.issues.map((i) => i.path);
        throw err;
      }
      return [];
    };
    expect(issues([])).toEqual(['']);
    expect(issues({ Event: 'subscribe_msg_sent_event' })).toEqual(['FromUserName']);
    expect(issues({ ...envelope, Event: 'subscribe_msg_sent_event' })).toEqual(['List']);
    expect(issues({ ...envelope, Event: 'subscribe_msg_sent_event', List: [{ TemplateId: 'tpl', MsgID: 1.5, ErrorCode: 'x' }, 7] })).toEqual([
      'List.0.MsgID',
      'List.0.ErrorCode',
      'List.1',
    ]);
    expect(issues({ ...envelope, Event: 'subscribe_msg_change_event', List: { TemplateId: 'tpl' } })).toEqual(['List.SubscribeStatusString']);
  });
});
