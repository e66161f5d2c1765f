import {
  SWITCH_OFF_GUIDANCE,
  creditText,
  describeSubscribeFailure,
  messageTypeLabel,
  needsCredit,
  planSubscribeBatches,
  readSubscribeResult,
  summariseAnswers,
  type TemplateInfo,
} from './subscribe-request';

const tpl = (messageType: string, templateId: string, longTerm = false): TemplateInfo => ({ messageType, templateId, longTerm });

describe('planSubscribeBatches', () => {
  const templates = [
    tpl('notice_published', 'T_NOTICE'),
    tpl('case_progress', 'T_CASE', true),
    tpl('consultation_opened', 'T_C_OPEN'),
    tpl('consultation_closing', 'T_C_CLOSE'),
    tpl('consultation_result', 'T_C_RESULT'),
    tpl('rating_reply', 'T_RATING', true),
  ];

  it('puts at most 3 ids in a call and never mixes one-time with long-term', () => {
    const batches = planSubscribeBatches(
      templates,
      templates.map((t) => t.messageType),
    );
    expect(batches).toEqual([['T_NOTICE', 'T_C_OPEN', 'T_C_CLOSE'], ['T_C_RESULT'], ['T_CASE', 'T_RATING']]);
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(3);
      const kinds = new Set(b.map((id) => templates.find((t) => t.templateId === id)!.longTerm));
      expect(kinds.size).toBe(1);
    }
  });

  it('asks a template shared by two types once, and skips unknown types', () => {
    const shared = [tpl('consultation_opened', 'T_C'), tpl('consultation_closing', 'T_C'), tpl('notice_published', 'T_N')];
    expect(planSubscribeBatches(shared, ['consultation_opened', 'consultation_closing', 'nope', 'notice_published'])).toEqual([['T_C', 'T_N']]);
  });

  it('asks nothing when nothing is chosen', () => {
    expect(planSubscribeBatches(templates, [])).toEqual([]);
  });
});

describe('readSubscribeResult', () => {
  it('keeps the answer per asked id and drops errMsg and strange values', () => {
    const res = { errMsg: 'requestSubscribeMessage:ok', T1: 'accept', T2: 'reject', T3: 'ban', T4: 'filter', T5: 'maybe', OTHER: 'accept' };
    expect(readSubscribeResult(res, ['T1', 'T2', 'T3', 'T4', 'T5'])).toEqual({ T1: 'accept', T2: 'reject', T3: 'ban', T4: 'filter' });
  });
  it('copes with nothing', () => {
    expect(readSubscribeResult(undefined, ['T1'])).toEqual({});
  });
});

describe('describeSubscribeFailure', () => {
  it('turns 20004 (main switch off) into plain guidance', () => {
    expect(describeSubscribeFailure({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail:The main switch is switched off' })).toEqual({
      kind: 'switch_off',
      message: SWITCH_OFF_GUIDANCE,
    });
    expect(SWITCH_OFF_GUIDANCE).toContain('接收订阅消息');
  });
  it('recognises a call outside a tap and an unsupported environment', () => {
    expect(describeSubscribeFailure({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }).kind).toBe('not_in_tap');
    expect(describeSubscribeFailure({ errMsg: 'requestSubscribeMessage:fail 暂不支持 API' }).kind).toBe('unsupported');
  });
  it('has a plain message for anything else', () => {
    expect(describeSubscribeFailure(new Error('x'))).toEqual({ kind: 'other', message: '订阅没有成功，请稍后再试' });
  });
});

describe('summariseAnswers', () => {
  it('counts each answer in words', () => {
    expect(summariseAnswers({ A: 'accept', B: 'accept', C: 'reject' })).toBe('已订阅 2 项提醒；1 项您选择了暂不接收');
    expect(summariseAnswers({ A: 'ban' })).toContain('拒收');
    expect(summariseAnswers({})).toBe('没有订阅任何提醒');
  });
});

describe('creditText', () => {
  it('says how many reminders are left', () => {
    expect(creditText({ longTerm: false, remaining: 2, switchedOff: false })).toBe('还可提醒 2 次');
    expect(creditText({ longTerm: false, remaining: 0, switchedOff: false })).toBe('还可提醒 0 次');
    expect(creditText({ longTerm: true, remaining: 0, accepted: true, switchedOff: false })).toBe('长期有效');
    expect(creditText({ longTerm: true, remaining: 0, accepted: false, switchedOff: false })).toBe('未订阅（订阅一次即长期有效）');
    expect(creditText({ longTerm: false, remaining: 3, switchedOff: true })).toBe('已在微信中关闭，不会提醒');
  });
  it('knows when asking again helps', () => {
    expect(needsCredit({ longTerm: false, remaining: 0, switchedOff: false })).toBe(true);
    expect(needsCredit({ longTerm: false, remaining: 1, switchedOff: false })).toBe(false);
    expect(needsCredit({ longTerm: true, remaining: 0, accepted: true, switchedOff: false })).toBe(false);
    expect(needsCredit({ longTerm: true, remaining: 0, accepted: false, switchedOff: false })).toBe(true);
    expect(needsCredit({ longTerm: false, remaining: 2, switchedOff: true })).toBe(true);
  });
  it('labels message types in Chinese', () => {
    expect(messageTypeLabel('notice_published')).toBe('新公开信息提醒');
    expect(messageTypeLabel('unknown')).toBe('消息提醒');
  });
});
