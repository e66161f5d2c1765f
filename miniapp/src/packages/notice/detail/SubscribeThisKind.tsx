import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NoticeDetailDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { Pressable } from '../../../components/Pressable';
import { useCatalog } from '../../../hooks/useCatalog';
import { showSwitchOffGuidance, useSubscribe } from '../../../hooks/useSubscribe';
import { describeError } from '../../../lib/api-error';
import { ROUTES } from '../../../lib/routes';
import { creditText } from '../../../lib/subscribe-request';
import { withTopic } from '../../../lib/subscription-topics';
import { getSubscriptions, saveSubscriptions } from '../../../services/subscriptions';
import styles from './index.module.scss';

/** The notice's region × domain topic, added unless already covered. */
async function addNoticeTopic(notice: NoticeDetailDto): Promise<boolean> {
  const { topics, added } = withTopic(await getSubscriptions(), { regionId: notice.region.id, domain: notice.domain, kind: null });
  if (added) await saveSubscriptions(topics);
  return added;
}

/**
 * 订阅此类通知: in one tap, subscribes to this region × domain and asks WeChat for a reminder
 * credit for new notices (the dialog opens first: it only works inside the tap).
 */
export function SubscribeThisKind({ notice }: { notice: NoticeDetailDto }) {
  const { labels } = useCatalog();
  const subscribe = useSubscribe({ withCredits: false });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const topicWords = `${notice.region.name}的“${labels.domains(notice.domain)}”类公开信息`;

  const onPress = () => {
    const asking = subscribe.ask(['notice_published']);
    setBusy(true);
    setResult(null);
    void (async () => {
      const lines: string[] = [];
      try {
        const added = await addNoticeTopic(notice);
        lines.push(added ? `已订阅${topicWords}` : `您已订阅过${topicWords}`);
      } catch (err) {
        lines.push(`订阅没有保存：${describeError(err)}`);
      }
      const outcome = await asking;
      if (outcome.failure === 'switch_off') showSwitchOffGuidance(outcome.message);
      const credit = outcome.credits?.find((c) => c.messageType === 'notice_published');
      lines.push(outcome.ok && credit ? `微信提醒：${creditText(credit)}` : outcome.message);
      setResult(lines.join('；'));
      void Taro.showToast({ title: lines[0].slice(0, 30), icon: 'none', duration: 2500 });
      setBusy(false);
    })();
  };

  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-label': '订阅此类通知' })}>
      <Text className={styles.cardTitle}>订阅此类通知</Text>
      <Text className={styles.note}>{topicWords}发布后，出现在“消息”里，并在微信里提醒您。</Text>
      <View className={styles.actions}>
        <Pressable className={styles.action} disabled={busy} onPress={onPress}>
          {busy ? '正在订阅…' : '订阅此类通知'}
        </Pressable>
        <Pressable className={styles.action} onPress={() => void Taro.navigateTo({ url: ROUTES.subscriptionSettings })}>
          订阅设置
        </Pressable>
      </View>
      {result ? (
        <Text className={styles.note} {...h5Attrs({ role: 'status', 'aria-live': 'polite' })}>
          {result}
        </Text>
      ) : null}
      {subscribe.mode === 'demo' ? <Text className={styles.note}>演示模式：网页版没有微信弹窗，订阅提醒视为“允许”。</Text> : null}
    </View>
  );
}
