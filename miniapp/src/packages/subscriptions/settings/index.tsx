import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { RegionRefDto } from '@sunboard/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateView';
import { useCatalog } from '../../../hooks/useCatalog';
import { useSubscribe } from '../../../hooks/useSubscribe';
import { describeError } from '../../../lib/api-error';
import { ROUTES } from '../../../lib/routes';
import {
  describeTopic,
  formFromTopics,
  sameTopics,
  subscriptionRegions,
  topicKey,
  topicsFromForm,
  type SubscriptionRegion,
  type Topic,
  type TopicsForm,
} from '../../../lib/subscription-topics';
import { getRegion } from '../../../services/regions';
import { getSubscriptions, saveSubscriptions, type SavedTopic } from '../../../services/subscriptions';
import { useSession } from '../../../stores/session';
import { RegionTopicsCard } from './RegionTopicsCard';
import { ReminderCard } from './ReminderCard';
import styles from './index.module.scss';

const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon, duration: 2500 });

interface Loaded {
  regions: SubscriptionRegion[];
  saved: SavedTopic[];
  /** Names of regions outside the three, for the 其他订阅 list. */
  names: Map<number, string>;
}

/** Region names for the topics outside the three regions (the server names each topic's region). */
function namesOf(regions: SubscriptionRegion[], saved: SavedTopic[]): Map<number, string> {
  const names = new Map<number, string>(regions.map((r) => [r.id, r.name]));
  for (const t of saved) if (t.regionName && !names.has(t.regionId)) names.set(t.regionId, t.regionName);
  return names;
}

function Settings({ home }: { home: RegionRefDto }) {
  const { labels } = useCatalog();
  const subscribe = useSubscribe();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [form, setForm] = useState<TopicsForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [region, saved] = await Promise.all([getRegion(home.id), getSubscriptions()]);
      const regions = subscriptionRegions(region, region.ancestors);
      setLoaded({ regions, saved, names: namesOf(regions, saved) });
      setForm(formFromTopics(saved, regions.map((r) => r.id)));
    } catch (err) {
      setError(describeError(err));
    }
  }, [home.id]);

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void Promise.all([load(), subscribe.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const topics = useMemo(() => (form ? topicsFromForm(form) : []), [form]);
  const dirty = !!loaded && !!form && !sameTopics(topics, loaded.saved);

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!loaded || !form) return <LoadingState text='正在读取订阅设置…' />;

  const save = async () => {
    setSaving(true);
    try {
      const saved = await saveSubscriptions(topics);
      setLoaded({ ...loaded, saved, names: namesOf(loaded.regions, saved) });
      setForm(formFromTopics(saved, loaded.regions.map((r) => r.id)));
      toast('订阅已保存', 'success');
    } catch (err) {
      toast(describeError(err));
    } finally {
      setSaving(false);
    }
  };

  const removeOther = (t: Topic) => setForm({ ...form, others: form.others.filter((o) => topicKey(o) !== topicKey(t)) });
  const labelFns = { domain: labels.domains, kind: labels.kinds };

  return (
    <View className={styles.page}>
      <View className={styles.intro}>
        <Text className={styles.heading} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          订阅设置
        </Text>
        <Text className={styles.text}>选择想收到哪里、哪些方面的公开信息。街道、区县发布的信息也会覆盖您的社区。</Text>
      </View>

      {loaded.regions.map((region, i) => (
        <RegionTopicsCard
          key={region.id}
          region={region}
          value={form.regions[i]}
          labelOf={labels.domains}
          onChange={(next) => setForm({ ...form, regions: form.regions.map((r, j) => (j === i ? next : r)) })}
        />
      ))}

      {form.others.length ? (
        <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-labelledby': 'other-topics' })}>
          <Text id='other-topics' className={styles.cardTitle}>
            其他订阅
          </Text>
          {form.others.map((t) => {
            const words = describeTopic(t, loaded.names.get(t.regionId) ?? '其他地区', labelFns);
            return (
              <View key={topicKey(t)} className={styles.otherRow}>
                <Text className={styles.text}>{words}</Text>
                <Pressable className={styles.smallButton} label={`取消订阅：${words}`} onPress={() => removeOther(t)}>
                  取消
                </Pressable>
              </View>
            );
          })}
        </View>
      ) : null}

      <View className={styles.saveBar}>
        <Text className={styles.note} {...h5Attrs({ 'aria-live': 'polite' })}>
          {dirty ? '有未保存的修改' : topics.length ? `已订阅 ${topics.length} 项` : '还没有订阅任何内容'}
        </Text>
        <Pressable className={styles.primary} disabled={saving || !dirty} onPress={() => void save()}>
          {saving ? '正在保存…' : '保存订阅'}
        </Pressable>
      </View>

      <ReminderCard subscribe={subscribe} />
    </View>
  );
}

function ChooseHomeFirst() {
  return (
    <EmptyState title='请先选择居住社区' text='选好社区后，才能订阅社区、街道和区县的公开信息。'>
      <Pressable className={styles.primary} onPress={() => void Taro.navigateTo({ url: ROUTES.regionPicker })}>
        选择社区
      </Pressable>
    </EmptyState>
  );
}

/** 订阅设置 (我的 → 订阅设置, 消息 → 订阅设置): topics by region and domain, and WeChat reminders. */
export default function SubscriptionSettingsPage() {
  const home = useSession((s) => s.user?.homeRegion ?? null);
  return (
    <PageRoot title='订阅设置'>
      <SessionGate>{home ? <Settings key={home.id} home={home} /> : <ChooseHomeFirst />}</SessionGate>
    </PageRoot>
  );
}
