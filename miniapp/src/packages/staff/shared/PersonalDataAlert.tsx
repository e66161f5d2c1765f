import { Text, View } from '@tarojs/components';
import { h5Attrs } from '../../../components/a11y';
import { Pressable } from '../../../components/Pressable';
import type { PersonalDataFinding } from '../../../lib/compose-form';
import styles from './staff.module.scss';

/**
 * PERSONAL_DATA_FOUND: where each unmasked ID or mobile number is (field + the server's excerpt, the
 * number itself already masked there) and the one-tap fix.
 */
export function PersonalDataAlert({ findings, onMask, busy, actionText = '一键打码' }: { findings: PersonalDataFinding[]; onMask: () => void; busy?: boolean; actionText?: string }) {
  return (
    <View className={styles.alert} {...h5Attrs({ role: 'alert' })}>
      <Text className={styles.alertTitle}>内容中有 {findings.length} 处未打码的个人信息，不能提交</Text>
      {findings.map((f, i) => (
        <Text key={i} className={styles.text}>
          {i + 1}. {f.fieldLabel}中的{f.kindLabel}：“{f.excerpt}”
        </Text>
      ))}
      <Text className={styles.text}>身份证号只保留前 2 位和后 2 位，手机号码只保留前 3 位和后 4 位。</Text>
      <Pressable className={styles.primary} disabled={busy} onPress={onMask}>
        {busy ? '正在处理…' : actionText}
      </Pressable>
    </View>
  );
}
