import { Text, View } from '@tarojs/components';
import type { FollowupDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { Pressable } from '../../../components/Pressable';
import { describeError, fieldIssues } from '../../../lib/api-error';
import { confirmFollowup } from '../../../services/ratings';
import styles from '../shared/rating.module.scss';

const NOTE_MAX = 200;

/**
 * 回访: after the staff's answer, the rater says whether they are satisfied with how it was handled
 * (an optional note, ≤ 200 characters). Two plain buttons; the choice is sent at once.
 */
export function ConfirmBox({ followup, onConfirmed }: { followup: FollowupDto; onConfirmed: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `confirm-${followup.id}`;
  const send = async (satisfied: boolean) => {
    const trimmed = note.trim();
    if ([...trimmed].length > NOTE_MAX) {
      setError(`说明不能超过 ${NOTE_MAX} 个字`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await confirmFollowup(followup.id, trimmed ? { satisfied, note: trimmed } : { satisfied });
      onConfirmed();
    } catch (err) {
      setError(fieldIssues(err)[0]?.reason ?? describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.form} {...h5Attrs({ role: 'group', 'aria-labelledby': `${id}-title` })}>
      <Text id={`${id}-title`} className={styles.sectionTitle}>
        回访：您对这次答复和处理满意吗？
      </Text>
      <TextAreaField id={`${id}-note`} label='补充说明（选填）' value={note} onChange={setNote} maxLength={NOTE_MAX + 20} short hint={`最多 ${NOTE_MAX} 字`} error={error} />
      <View className={styles.row}>
        <Pressable className={styles.primary} disabled={busy} onPress={() => void send(true)}>
          满意
        </Pressable>
        <Pressable className={styles.danger} disabled={busy} onPress={() => void send(false)}>
          不满意
        </Pressable>
      </View>
      <Text className={styles.muted}>选“不满意”时，请在说明里写明原因，回访结果会记录在案。</Text>
    </View>
  );
}
