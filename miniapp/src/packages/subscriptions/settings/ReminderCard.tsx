import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { Pressable } from '../../../components/Pressable';
import type { UseSubscribe } from '../../../hooks/useSubscribe';
import { H5_UNAVAILABLE_MESSAGE, showSwitchOffGuidance } from '../../../hooks/useSubscribe';
import { cx } from '../../../lib/cx';
import { creditText, messageTypeLabel, MESSAGE_TYPES, needsCredit } from '../../../lib/subscribe-request';
import styles from './index.module.scss';

const DEFAULT_CHOICE = ['notice_published'];

/**
 * 微信提醒: per message type how many reminders are left (还可提醒 N 次 / 长期有效), a choice of
 * types, and 订阅提醒, which opens WeChat's dialog inside the tap (≤ 3 templates per call; when the
 * choice needs more, the button continues with the next call).
 */
export function ReminderCard({ subscribe }: { subscribe: UseSubscribe }) {
  const { templates, credits, mode, error } = subscribe;
  const [chosen, setChosen] = useState<string[]>(DEFAULT_CHOICE);
  const [batch, setBatch] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const types = (templates ?? [])
    .map((t) => t.messageType)
    .sort((a, b) => (MESSAGE_TYPES as readonly string[]).indexOf(a) - (MESSAGE_TYPES as readonly string[]).indexOf(b));
  const batches = subscribe.batchesFor(chosen);
  useEffect(() => setBatch(0), [chosen.join(',')]);

  const toggle = (type: string) => setChosen((c) => (c.includes(type) ? c.filter((x) => x !== type) : [...c, type]));

  // Straight from the tap: ask() calls requestSubscribeMessage before awaiting anything.
  const onSubscribe = () => {
    const asking = subscribe.ask(chosen, batch);
    setBusy(true);
    setResult(null);
    void asking
      .then((outcome) => {
        setResult(outcome.message);
        if (outcome.failure === 'switch_off') showSwitchOffGuidance(outcome.message);
        else void Taro.showToast({ title: outcome.message.slice(0, 30), icon: 'none', duration: 2500 });
        if (outcome.failure) return;
        setBatch((b) => (b + 1 < batches.length ? b + 1 : 0));
      })
      .finally(() => setBusy(false));
  };

  const creditOf = (type: string) => credits?.find((c) => c.messageType === type);
  const labelOf = (type: string) => templates?.find((t) => t.messageType === type)?.label ?? messageTypeLabel(type);
  const buttonText = busy ? '正在订阅…' : batch > 0 ? `继续订阅（第 ${batch + 1} 批，共 ${batches.length} 批）` : '订阅提醒';

  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-labelledby': 'reminder-title' })}>
      <Text id='reminder-title' className={styles.cardTitle}>
        微信提醒
      </Text>
      <Text className={styles.text}>
        订阅的信息发布后，都会出现在“消息”里。想在微信里收到提醒，请点“订阅提醒”并在弹出的窗口中选“允许”：每允许一次，可以提醒一次。
      </Text>
      {error ? (
        <Text className={styles.error} {...h5Attrs({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
      {!templates && !error ? <Text className={styles.note}>正在读取提醒设置…</Text> : null}

      <View className={styles.reminders} {...h5Attrs({ role: 'list', 'aria-label': '提醒种类' })}>
        {types.map((type) => {
          const credit = creditOf(type);
          const on = chosen.includes(type);
          return (
            <View key={type} className={styles.reminder} {...h5Attrs({ role: 'listitem' })}>
              <View className={styles.reminderTexts}>
                <Text className={styles.reminderName}>{labelOf(type)}</Text>
                <Text className={cx(styles.reminderCredit, (!credit || needsCredit(credit)) && styles.reminderEmpty)}>
                  {credit ? creditText(credit) : '还可提醒 0 次'}
                </Text>
              </View>
              <Pressable className={cx(styles.pick, on && styles.pickOn)} pressed={on} label={`选择${labelOf(type)}`} onPress={() => toggle(type)}>
                {on ? '✓ 已选' : '选择'}
              </Pressable>
            </View>
          );
        })}
      </View>

      <Pressable className={styles.primary} disabled={busy || !templates || !chosen.length || mode === 'unavailable' || mode === 'checking'} onPress={onSubscribe}>
        {buttonText}
      </Pressable>
      {result ? (
        <Text className={styles.result} {...h5Attrs({ role: 'status', 'aria-live': 'polite' })}>
          {result}
        </Text>
      ) : null}
      {mode === 'demo' ? (
        <Text className={styles.demoNote}>
          演示模式：网页版没有微信的订阅弹窗，点“订阅提醒”即视为您选了“允许”，并在演示用的模拟微信里记上同样的次数，这样演示手机能收到提醒。
        </Text>
      ) : null}
      {mode === 'unavailable' ? <Text className={styles.note}>{H5_UNAVAILABLE_MESSAGE}</Text> : null}
    </View>
  );
}
