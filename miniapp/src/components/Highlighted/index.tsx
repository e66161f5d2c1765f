import { Text } from '@tarojs/components';
import { useMemo } from 'react';
import { highlightSegments } from '../../lib/highlight';
import styles from './index.module.scss';

/** Text with the search words marked (bold and underlined on a tint: not colour alone). */
export function Highlighted({ text, terms, className }: { text: string; terms: readonly string[]; className?: string }) {
  const segments = useMemo(() => highlightSegments(text, terms), [text, terms]);
  return (
    <Text className={className}>
      {segments.map((s, i) =>
        s.hit ? (
          <Text key={i} className={styles.hit}>
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  );
}
