import { Text } from '@tarojs/components';
import type { CaseTone } from '../../../lib/cases';
import styles from './cases.module.scss';

/** A status or state in words, the colour only repeating it. */
export function CaseBadge({ text, tone }: { text: string; tone: CaseTone }) {
  return <Text className={`${styles.badge} ${styles[`tone-${tone}`]}`}>{text}</Text>;
}
