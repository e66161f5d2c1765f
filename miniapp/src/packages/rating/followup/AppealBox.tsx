import { Text, View } from '@tarojs/components';
import { APPEAL_STATUS_LABELS, type StaffFollowupDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { Pressable } from '../../../components/Pressable';
import { describeError, fieldIssues } from '../../../lib/api-error';
import { cx } from '../../../lib/cx';
import { appealFollowup, decideAppeal } from '../../../services/ratings';
import styles from '../shared/rating.module.scss';

const MAX = 500;

function tooLong(v: string): boolean {
  return [...v.trim()].length > MAX;
}

/** Staff contest a mistaken or malicious 差评: the reason goes to a reviewer above the region. */
function AppealRequest({ followup, onChanged }: { followup: StaffFollowupDto; onChanged: (next: StaffFollowupDto) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <Pressable className={styles.secondary} onPress={() => setOpen(true)}>
        申诉（评价有误或恶意差评）
      </Pressable>
    );
  }
  const submit = async () => {
    if (!reason.trim()) return setError('请填写申诉理由');
    if (tooLong(reason)) return setError(`申诉理由不能超过 ${MAX} 个字`);
    setBusy(true);
    setError(null);
    try {
      onChanged(await appealFollowup(followup.id, { reason: reason.trim() }));
    } catch (err) {
      setError(fieldIssues(err)[0]?.reason ?? describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.form}>
      <TextAreaField id='appeal-reason' label='申诉理由' required value={reason} onChange={setReason} maxLength={MAX + 20} short hint='由上级审核人判断；申诉成立的评价不计入差评' error={error} />
      <View className={styles.row}>
        <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
          {busy ? '正在提交…' : '提交申诉'}
        </Pressable>
        <Pressable className={styles.secondary} disabled={busy} onPress={() => setOpen(false)}>
          取消
        </Pressable>
      </View>
    </View>
  );
}

/** A reviewer above the region (or an admin) decides a pending appeal, with their opinion. */
function AppealDecision({ followup, onChanged }: { followup: StaffFollowupDto; onChanged: (next: StaffFollowupDto) => void }) {
  const [upheld, setUpheld] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (upheld === null) return setError('请选择申诉是否成立');
    if (!note.trim()) return setError('请填写审核意见');
    if (tooLong(note)) return setError(`审核意见不能超过 ${MAX} 个字`);
    setBusy(true);
    setError(null);
    try {
      onChanged(await decideAppeal(followup.id, { upheld, note: note.trim() }));
    } catch (err) {
      setError(fieldIssues(err)[0]?.reason ?? describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.form}>
      <View className={styles.chips} {...h5Attrs({ role: 'group', 'aria-label': '申诉审核结果' })}>
        {[true, false].map((v) => {
          const label = v ? '申诉成立' : '申诉不成立';
          return (
            <Pressable key={label} className={cx(styles.chip, upheld === v && styles.chipOn)} pressed={upheld === v} onPress={() => setUpheld(v)}>
              {upheld === v ? `✓ ${label}` : label}
            </Pressable>
          );
        })}
      </View>
      <TextAreaField id='appeal-note' label='审核意见' required value={note} onChange={setNote} maxLength={MAX + 20} short error={error} />
      <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在提交…' : '提交审核'}
      </Pressable>
    </View>
  );
}

/** 申诉: the request while the follow-up is open, the reviewer's decision while pending, the outcome after. */
export function AppealBox({ followup, canDecide, onChanged }: { followup: StaffFollowupDto; canDecide: boolean; onChanged: (next: StaffFollowupDto) => void }) {
  const status = followup.appealStatus;
  if (status === 'none' && followup.status === 'closed') return null;
  return (
    <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '申诉' })}>
      <Text className={styles.sectionTitle}>申诉</Text>
      {status !== 'none' ? <Text className={styles.text}>申诉状态：{APPEAL_STATUS_LABELS[status] ?? status}</Text> : null}
      {followup.appealReason ? <Text className={styles.text}>申诉理由：{followup.appealReason}</Text> : null}
      {followup.appealNote ? <Text className={styles.text}>审核意见：{followup.appealNote}</Text> : null}
      {status === 'none' ? <AppealRequest followup={followup} onChanged={onChanged} /> : null}
      {status === 'pending' && canDecide ? <AppealDecision followup={followup} onChanged={onChanged} /> : null}
      {status === 'pending' && !canDecide ? <Text className={styles.muted}>等待上级审核人审核。</Text> : null}
    </View>
  );
}
