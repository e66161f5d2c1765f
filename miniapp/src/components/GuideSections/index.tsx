import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NoticeGuideDto } from '@sunboard/shared';
import type { ReactNode } from 'react';
import { h5Attrs } from '../a11y';
import { Pressable } from '../Pressable';
import styles from './index.module.scss';

function Phone({ label, number }: { label: string; number: string }) {
  const digits = number.replace(/[^\d-]/g, '');
  return (
    <View className={styles.phoneRow}>
      <Text className={styles.text}>{number}</Text>
      {digits.length >= 5 ? (
        <Pressable className={styles.call} label={`拨打${label} ${number}`} onPress={() => void Taro.makePhoneCall({ phoneNumber: digits }).catch(() => undefined)}>
          拨打
        </Pressable>
      ) : null}
    </View>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className={styles.section}>
      <Text className={styles.title} {...h5Attrs({ role: 'heading', 'aria-level': 2 })}>
        {title}
      </Text>
      {children}
    </View>
  );
}

/** 办事指南: 办理条件, 所需材料, 办理流程, 办理地点和时间, 咨询电话, 监督举报电话 — each its own section. */
export function GuideSections({ guide }: { guide: NoticeGuideDto }) {
  return (
    <View className={styles.card} {...h5Attrs({ role: 'region', 'aria-label': '办事指南' })}>
      <Text className={styles.heading}>办事指南</Text>
      {guide.conditions ? (
        <Section title='办理条件'>
          <Text className={styles.text}>{guide.conditions}</Text>
        </Section>
      ) : null}
      {guide.materials.length ? (
        <Section title='所需材料'>
          <View {...h5Attrs({ role: 'list' })}>
            {guide.materials.map((m, i) => (
              <Text key={i} className={styles.item} {...h5Attrs({ role: 'listitem' })}>
                {i + 1}. {m}
              </Text>
            ))}
          </View>
        </Section>
      ) : null}
      {guide.steps.length ? (
        <Section title='办理流程'>
          <View {...h5Attrs({ role: 'list' })}>
            {guide.steps.map((s, i) => (
              <Text key={i} className={styles.item} {...h5Attrs({ role: 'listitem' })}>
                第 {i + 1} 步：{s}
              </Text>
            ))}
          </View>
        </Section>
      ) : null}
      {guide.placeAndTime ? (
        <Section title='办理地点和时间'>
          <Text className={styles.text}>{guide.placeAndTime}</Text>
        </Section>
      ) : null}
      {guide.consultPhone ? (
        <Section title='咨询电话'>
          <Phone label='咨询电话' number={guide.consultPhone} />
        </Section>
      ) : null}
      {guide.complaintPhone ? (
        <Section title='监督举报电话'>
          <Phone label='监督举报电话' number={guide.complaintPhone} />
        </Section>
      ) : null}
    </View>
  );
}
