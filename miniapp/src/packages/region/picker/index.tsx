import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REGION_LEVEL_LABELS, type RegionDto } from '@sunboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateView';
import { describeError } from '../../../lib/api-error';
import { cx } from '../../../lib/cx';
import { cutTrail, levelPrompt, rowAction, trailText } from '../../../lib/region-trail';
import { ROUTES } from '../../../lib/routes';
import { getRegion, listRegions } from '../../../services/regions';
import { updateMe } from '../../../services/users';
import { useSession } from '../../../stores/session';
import styles from './index.module.scss';

function goBackHome() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: ROUTES.home });
}

/** Drill down district → street/town → community/village, then confirm the home region. */
function Picker() {
  const home = useSession((s) => s.user?.homeRegion ?? null);
  const [trail, setTrail] = useState<RegionDto[]>([]);
  const [items, setItems] = useState<RegionDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<RegionDto | null>(null);
  const [saving, setSaving] = useState(false);
  const generation = useRef(0);

  const show = useCallback(async (nextTrail: RegionDto[]) => {
    const gen = ++generation.current;
    setTrail(nextTrail);
    setItems(null);
    setError(null);
    setSelected(null);
    try {
      const parent = nextTrail[nextTrail.length - 1];
      const children = await listRegions(parent?.id);
      if (gen === generation.current) setItems(children);
    } catch (err) {
      if (gen === generation.current) setError(describeError(err));
    }
  }, []);

  // Start where the current home is (its siblings), or at the districts.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      if (home) {
        try {
          const detail = await getRegion(home.id);
          if (!cancelled) await show(detail.ancestors);
          return;
        } catch {
          // fall through to the roots
        }
      }
      if (!cancelled) await show([]);
    })();
    return () => {
      cancelled = true;
    };
    // Only on first show: later home changes come from this page itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onRow = (region: RegionDto) => {
    const action = rowAction(region);
    if (action === 'drill') void show([...trail, region]);
    else if (action === 'select') setSelected(region);
  };

  const confirm = async () => {
    if (!selected) return;
    setSaving(true);
    try {
      await updateMe({ homeRegionId: selected.id });
      void Taro.showToast({ title: '设置成功', icon: 'success', duration: 1500 });
      setTimeout(goBackHome, 600);
    } catch (err) {
      void Taro.showToast({ title: describeError(err), icon: 'none', duration: 3000 });
    } finally {
      setSaving(false);
    }
  };

  let list;
  if (error) list = <ErrorState message={error} onRetry={() => void show(trail)} />;
  else if (!items) list = <LoadingState text='正在加载地区…' />;
  else if (items.length === 0) list = <EmptyState title='暂无下级地区' text='请返回上一级，选择其他地区。' />;
  else
    list = (
      <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': levelPrompt(trail) })}>
        {items.map((r) => {
          const action = rowAction(r);
          const isSelected = selected?.id === r.id;
          const isHome = home?.id === r.id;
          const hint = action === 'drill' ? '下一级 ›' : action === 'select' ? (isSelected ? '✓ 已选' : '选择') : '暂无下级';
          return (
            <View key={r.id} {...h5Attrs({ role: 'listitem' })}>
              <Pressable
                className={cx(styles.row, isSelected && styles.rowSelected)}
                disabled={action === 'none'}
                pressed={action === 'select' ? isSelected : undefined}
                onPress={() => onRow(r)}
              >
                <View className={styles.rowTexts}>
                  <Text className={styles.rowName}>{r.name}</Text>
                  <Text className={styles.rowLevel}>
                    {REGION_LEVEL_LABELS[r.level]}
                    {isHome ? '（当前居住）' : ''}
                  </Text>
                </View>
                <Text className={cx(styles.rowHint, action === 'none' && styles.rowHintMuted)}>{hint}</Text>
              </Pressable>
            </View>
          );
        })}
      </View>
    );

  return (
    <View>
      <View className={styles.intro}>
        <Text className={styles.prompt} {...h5Attrs({ role: 'heading', 'aria-level': 1 })}>
          {levelPrompt(trail)}
        </Text>
        {home ? <Text className={styles.current}>当前居住：{home.fullName}</Text> : null}
      </View>
      <View className={styles.crumbs} {...h5Attrs({ role: 'navigation', 'aria-label': '当前位置' })}>
        <Pressable className={cx(styles.crumb, trail.length === 0 && styles.crumbCurrent)} current={trail.length === 0} onPress={() => void show([])}>
          全部区县
        </Pressable>
        {trail.map((r, i) => (
          <View key={r.id} className={styles.crumbItem}>
            <Text className={styles.sep} {...h5Attrs({ 'aria-hidden': 'true' })}>
              ›
            </Text>
            <Pressable
              className={cx(styles.crumb, i === trail.length - 1 && styles.crumbCurrent)}
              current={i === trail.length - 1}
              onPress={() => void show(cutTrail(trail, i))}
            >
              {r.name}
            </Pressable>
          </View>
        ))}
      </View>
      {list}
      {selected ? (
        <>
          <View className={styles.spacer} />
          <View className={styles.bar}>
            <Text className={styles.barText}>
              已选择：<Text className={styles.barName}>{trailText(trail, selected.name)}</Text>
            </Text>
            <Pressable className={styles.confirm} disabled={saving} onPress={() => void confirm()}>
              {saving ? '正在保存…' : `确认选择${selected.name}`}
            </Pressable>
          </View>
        </>
      ) : null}
    </View>
  );
}

export default function RegionPickerPage() {
  return (
    <PageRoot title='选择居住社区'>
      <SessionGate>
        <Picker />
      </SessionGate>
    </PageRoot>
  );
}
