import { Text, View } from '@tarojs/components';
import { DOMAINS } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { Pressable } from '../../../components/Pressable';
import { Toggle } from '../../../components/Toggle';
import { cx } from '../../../lib/cx';
import { regionSummary, toggleAll, toggleDomain, toggleUrgent, type RegionTopicsForm, type SubscriptionRegion } from '../../../lib/subscription-topics';
import styles from './index.module.scss';

/**
 * One region's topics: 全部通知, or chosen domains (the chosen ones always shown, all 26 behind
 * 选择领域), and the 紧急通知 switch.
 */
export function RegionTopicsCard(props: {
  region: SubscriptionRegion;
  value: RegionTopicsForm;
  labelOf: (domain: string) => string;
  onChange: (next: RegionTopicsForm) => void;
}) {
  const { region, value, labelOf, onChange } = props;
  const [expanded, setExpanded] = useState(false);
  const headingId = `topics-${region.id}`;
  const shown = expanded ? DOMAINS.map((d) => d.code as string) : value.domains;
  const summary = regionSummary(value);

  return (
    <View className={styles.card} {...h5Attrs({ role: 'group', 'aria-labelledby': headingId })}>
      <View className={styles.cardHead}>
        <Text id={headingId} className={styles.cardTitle}>
          {region.name}
        </Text>
        <Text className={styles.cardRole}>{region.role}</Text>
      </View>
      <Text className={styles.cardSummary}>订阅：{summary}</Text>

      <View className={styles.chips}>
        <Pressable className={cx(styles.chip, value.all && styles.chipOn)} pressed={value.all} onPress={() => onChange(toggleAll(value))}>
          {value.all ? '✓ 全部通知' : '全部通知'}
        </Pressable>
        {shown.map((code) => {
          const on = value.domains.includes(code);
          return (
            <Pressable key={code} className={cx(styles.chip, on && styles.chipOn)} pressed={on} onPress={() => onChange(toggleDomain(value, code))}>
              {on ? `✓ ${labelOf(code)}` : labelOf(code)}
            </Pressable>
          );
        })}
      </View>
      <Pressable className={styles.linkButton} onPress={() => setExpanded((v) => !v)} label={expanded ? `收起领域（${region.name}）` : `选择领域（${region.name}）`}>
        {expanded ? '收起领域 ▴' : '选择领域 ▾'}
      </Pressable>

      <Toggle
        label='紧急通知'
        description={`${region.name}的停水停电、防汛防疫等紧急通知`}
        checked={value.urgent || value.all}
        disabled={value.all}
        onChange={() => onChange(toggleUrgent(value))}
      />
      {value.all ? <Text className={styles.note}>已订阅全部通知，紧急通知也包括在内。</Text> : null}
    </View>
  );
}
