import { Text, View } from '@tarojs/components';
import type { StaffFollowupDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { Pressable } from '../../../components/Pressable';
import { describeError, fieldIssues } from '../../../lib/api-error';
import { replyFollowup } from '../../../services/ratings';
import styles from '../shared/rating.module.scss';

const MAX = 500;
type Field = 'verification' | 'reply' | 'fixed';
const LABELS: Record<Field, string> = { verification: '核实情况', reply: '答复内容', fixed: '整改情况' };

/** Checks the three boxes as the server will (followupReplySchema); errors per field, in words. */
export function checkReply(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const f of ['verification', 'reply', 'fixed'] as const) {
    const v = values[f].trim();
    if (!v && f !== 'fixed') errors[f] = `请填写${LABELS[f]}`;
    else if ([...v].length > MAX) errors[f] = `${LABELS[f]}不能超过 ${MAX} 个字`;
  }
  return errors;
}

/**
 * 核实 and 答复: what the staff found, the answer the resident receives (a message and the reply on
 * 我的评价), and what was fixed. Sent together; the resident is then asked to confirm (回访).
 */
export function ReplyForm({ followup, onReplied }: { followup: StaffFollowupDto; onReplied: (next: StaffFollowupDto) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({ verification: '', reply: '', fixed: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (f: Field) => (v: string) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  };
  const submit = async () => {
    const found = checkReply(values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      onReplied(await replyFollowup(followup.id, { verification: values.verification.trim(), reply: values.reply.trim(), fixed: values.fixed.trim() }));
    } catch (err) {
      const byField: Partial<Record<Field, string>> = {};
      for (const i of fieldIssues(err)) {
        const f = String(i.path ?? '').split('.')[0];
        if (f === 'verification' || f === 'reply' || f === 'fixed') byField[f] = i.reason;
      }
      setErrors(byField);
      setFailure(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '核实并答复' })}>
      <Text className={styles.sectionTitle}>核实并答复</Text>
      <Text className={styles.muted}>答复会通过消息发给居民，并请居民确认是否满意（回访）。</Text>
      <View className={styles.form}>
        <TextAreaField id='reply-verification' label='核实情况' required value={values.verification} onChange={set('verification')} maxLength={MAX + 20} short hint='核实到的实际情况' error={errors.verification} />
        <TextAreaField id='reply-reply' label='答复内容' required value={values.reply} onChange={set('reply')} maxLength={MAX + 20} short hint='居民会看到这段答复' error={errors.reply} />
        <TextAreaField id='reply-fixed' label='整改情况' value={values.fixed} onChange={set('fixed')} maxLength={MAX + 20} short hint='选填：已经或将要怎样改进' error={errors.fixed} />
        {failure ? (
          <Text className={styles.error} {...h5Attrs({ role: 'alert' })}>
            {failure}
          </Text>
        ) : null}
        <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
          {busy ? '正在发送…' : '发送答复'}
        </Pressable>
      </View>
    </View>
  );
}
