import { Text, View } from '@tarojs/components';
import { createProxyCommentSchema, type ConsultationDetailDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { InputField } from '../../../components/form/InputField';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { Pressable } from '../../../components/Pressable';
import { describeError, fieldIssues } from '../../../lib/api-error';
import { charHint } from '../../../lib/consultation';
import { postProxyComment } from '../../../services/consultations';
import styles from '../shared/consultation.module.scss';

type Field = 'residentName' | 'residentPhone' | 'body';

/**
 * 代录: staff enter a comment for a resident without a smartphone, on the chosen article or the whole
 * draft. The comment is marked 网格员代录; the resident's name and phone are kept for staff only.
 */
export function ProxyCommentForm({ detail, target, targetText, onSent }: { detail: ConsultationDetailDto; target: number; targetText: string; onSent: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<Field, string>>({ residentName: '', residentPhone: '', body: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!detail.staff || detail.status !== 'open') return null;
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async () => {
    const parsed = createProxyCommentSchema.safeParse({ ...values, ...(target ? { paragraphId: target } : {}) });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as Field] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const res = await postProxyComment(detail.id, parsed.data);
      setValues({ residentName: '', residentPhone: '', body: '' });
      setOpen(false);
      onSent(`代录成功：${res.message}`);
    } catch (err) {
      const byField: Partial<Record<Field, string>> = {};
      for (const issue of fieldIssues(err)) byField[issue.path as Field] ??= issue.reason;
      setErrors(byField);
      setFailure(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Pressable className={styles.secondary} onPress={() => setOpen(true)}>
        代录意见（为没有智能手机的居民录入）
      </Pressable>
    );
  }
  return (
    <View className={styles.section}>
      <Text className={styles.sectionTitle}>代录意见</Text>
      <Text className={styles.muted}>针对：{targetText}。意见公开时标注“网格员代录”，居民姓名和电话只有工作人员可见。</Text>
      <InputField id='proxy-name' label='居民姓名' value={values.residentName} onChange={set('residentName')} required maxLength={30} error={errors.residentName} />
      <InputField id='proxy-phone' label='联系电话' value={values.residentPhone} onChange={set('residentPhone')} required maxLength={20} hint='手机号或带区号的固定电话' error={errors.residentPhone} />
      <TextAreaField id='proxy-body' label='居民的意见' value={values.body} onChange={set('body')} required hint={charHint(values.body)} maxLength={1100} error={errors.body} />
      {failure ? (
        <Text className={styles.muted} {...h5Attrs({ role: 'alert' })}>
          {failure}
        </Text>
      ) : null}
      <View className={styles.actions}>
        <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
          {busy ? '正在提交…' : '提交代录意见'}
        </Pressable>
        <Pressable className={styles.secondary} onPress={() => setOpen(false)}>
          取消
        </Pressable>
      </View>
    </View>
  );
}
