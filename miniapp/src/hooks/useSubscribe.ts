import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../lib/api-error';
import { simulatedAcceptAll } from '../lib/demo-subscribe';
import {
  describeSubscribeFailure,
  planSubscribeBatches,
  readSubscribeResult,
  summariseAnswers,
  type CreditInfo,
  type SubscribeAnswer,
  type SubscribeFailureKind,
  type TemplateInfo,
} from '../lib/subscribe-request';
import { DEV_OPENID_KEY } from '../services/auth';
import { demoWechatBase, getPushTemplates, grantDemoCredits } from '../services/push';
import { getCredits, reportSubscribeResults } from '../services/subscriptions';
import { readStored } from '../stores/taro-storage';

/**
 * 订阅提醒: asks WeChat for reminder credits and tells the server the answers.
 *
 * `ask(types)` must be called straight from a tap handler: WeChat only opens its dialog for a call
 * made inside the tap, so the template ids are fetched beforehand (on mount) and the call comes
 * before anything is awaited. At most 3 ids per call, one-time and long-term never mixed
 * (lib/subscribe-request); `batch` picks a later call when the choice needs more than one.
 *
 * h5 has no requestSubscribeMessage. With the fake WeChat (demo), the answers are simulated as
 * "accept" and the same credits granted at the fake, so the demo phone shows deliveries (`mode`
 * 'demo'); without it subscribing is unavailable in a browser.
 */
export type SubscribeMode = 'weapp' | 'demo' | 'unavailable' | 'checking';

export interface SubscribeOutcome {
  ok: boolean;
  /** Answers per template id (empty when the dialog failed). */
  answers: Record<string, SubscribeAnswer>;
  /** Plain Chinese, fit for a toast or a modal. */
  message: string;
  failure?: SubscribeFailureKind;
  /** The credits after the answers were saved. */
  credits?: CreditInfo[];
}

export interface UseSubscribe {
  mode: SubscribeMode;
  templates: TemplateInfo[] | null;
  credits: CreditInfo[] | null;
  error: string | null;
  reload: () => Promise<void>;
  /** The calls `types` needs (each ≤ 3 ids, one kind). */
  batchesFor: (types: ReadonlyArray<string>) => string[][];
  ask: (types: ReadonlyArray<string>, batch?: number) => Promise<SubscribeOutcome>;
}

interface DemoTarget {
  base: string;
  openid: string;
}

async function findDemoTarget(): Promise<DemoTarget | null> {
  if (process.env.TARO_ENV !== 'h5') return null;
  const base = await demoWechatBase();
  const openid = readStored(DEV_OPENID_KEY);
  return base && openid ? { base, openid } : null;
}

/** Shows WeChat's guidance for the switched-off main switch; 去设置 opens the settings (weapp). */
export function showSwitchOffGuidance(message: string): void {
  void Taro.showModal({
    title: '无法订阅提醒',
    content: message,
    confirmText: process.env.TARO_ENV === 'h5' ? '知道了' : '去设置',
    showCancel: process.env.TARO_ENV !== 'h5',
    cancelText: '以后再说',
  }).then((r) => {
    if (r.confirm && process.env.TARO_ENV !== 'h5') void Taro.openSetting({ withSubscriptions: true } as Taro.openSetting.Option).catch(() => undefined);
  });
}

export const H5_UNAVAILABLE_MESSAGE = '网页版不能订阅微信提醒，请在微信小程序中打开“阳光公开栏”订阅；新消息仍会出现在“消息”里。';

export interface UseSubscribeOptions {
  /** Wait (e.g. for login). Default true. */
  enabled?: boolean;
  /** Fetch the credits left on mount (the settings page); otherwise only after a subscription. Default true. */
  withCredits?: boolean;
}

export function useSubscribe({ enabled = true, withCredits = true }: UseSubscribeOptions = {}): UseSubscribe {
  const [mode, setMode] = useState<SubscribeMode>(process.env.TARO_ENV === 'h5' ? 'checking' : 'weapp');
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [credits, setCredits] = useState<CreditInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const templatesRef = useRef<TemplateInfo[] | null>(null);
  const demoRef = useRef<DemoTarget | null>(null);

  const reload = useCallback(async () => {
    setError(null);
    try {
      const [t, c] = await Promise.all([getPushTemplates(), withCredits ? getCredits() : Promise.resolve(null)]);
      templatesRef.current = t;
      setTemplates(t);
      if (c) setCredits(c);
    } catch (err) {
      setError(describeError(err));
    }
  }, [withCredits]);

  useEffect(() => {
    if (!enabled) return;
    void reload();
    if (process.env.TARO_ENV === 'h5') {
      void findDemoTarget().then((demo) => {
        demoRef.current = demo;
        setMode(demo ? 'demo' : 'unavailable');
      });
    }
  }, [enabled, reload]);

  const batchesFor = useCallback((types: ReadonlyArray<string>) => planSubscribeBatches(templatesRef.current ?? [], types), []);

  const ask = useCallback(async (types: ReadonlyArray<string>, batch = 0): Promise<SubscribeOutcome> => {
    const all = templatesRef.current;
    if (!all) return { ok: false, answers: {}, message: '正在读取提醒设置，请稍后再点' };
    const ids = planSubscribeBatches(all, types)[batch] ?? [];
    if (!ids.length) return { ok: false, answers: {}, message: '请先选择要订阅的提醒' };

    let answers: Record<string, SubscribeAnswer>;
    if (process.env.TARO_ENV === 'h5') {
      const demo = demoRef.current ?? (await findDemoTarget());
      if (!demo) return { ok: false, answers: {}, message: H5_UNAVAILABLE_MESSAGE, failure: 'unsupported' };
      answers = simulatedAcceptAll(ids);
      try {
        await grantDemoCredits(demo.base, demo.openid, all.filter((t) => ids.includes(t.templateId)));
      } catch {
        // The demo phone then shows nothing for this one; the server's credits still count.
      }
    } else {
      try {
        // Called before any await: WeChat only opens the dialog inside the tap.
        const res = await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option);
        answers = readSubscribeResult(res, ids);
      } catch (err) {
        const failure = describeSubscribeFailure(err);
        return { ok: false, answers: {}, message: failure.message, failure: failure.kind };
      }
    }

    if (!Object.keys(answers).length) return { ok: false, answers, message: '没有订阅任何提醒' };
    let next: CreditInfo[];
    try {
      next = await reportSubscribeResults(answers);
      if (!next.length) next = await getCredits();
      setCredits(next);
    } catch (err) {
      return { ok: false, answers, message: `订阅结果没有保存：${describeError(err)}` };
    }
    return { ok: Object.values(answers).includes('accept'), answers, message: summariseAnswers(answers), credits: next };
  }, []);

  return { mode, templates, credits, error, reload, batchesFor, ask };
}
