import { Text, View } from '@tarojs/components';
import type { CaseDetailDto } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { InputField } from '../../../components/form/InputField';
import { Pressable } from '../../../components/Pressable';
import { describeError, fieldIssues, isApiError } from '../../../lib/api-error';
import { claimFieldOf, emptyClaimForm, issuesToErrors, validateClaimForm, type CaseFieldErrors, type ClaimField, type ClaimForm } from '../../../lib/cases-form';
import { claimCase } from '../../../services/cases';
import styles from '../shared/cases.module.scss';

/**
 * 认领办件: a case opened at the office becomes the resident's with the number on the receipt, the
 * applicant's name and the last four digits of the phone number given there.
 */
export function ClaimCaseForm({ onClaimed, onCancel }: { onClaimed: (c: CaseDetailDto) => void; onCancel?: () => void }) {
  const [form, setForm] = useState<ClaimForm>(emptyClaimForm);
  const [errors, setErrors] = useState<CaseFieldErrors<ClaimField>>({});
  const [busy, setBusy] = useState(false);

  const set = (key: ClaimField, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  const submit = async () => {
    const checked = validateClaimForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const claimed = await claimCase(checked.input);
      setForm(emptyClaimForm());
      onClaimed(claimed);
    } catch (err) {
      const issues = fieldIssues(err);
      if (issues.length) setErrors(issuesToErrors(issues, claimFieldOf));
      else if (isApiError(err) && err.code === 'CASE_CLAIM_FAILED') setErrors({ form: `${err.message}。请核对受理回执上的办件编号、申请人姓名和登记的手机号。` });
      else setErrors({ form: describeError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={styles.section} {...h5Attrs({ role: 'region', 'aria-label': '认领办件' })}>
      <Text className={styles.sectionTitle} {...h5Attrs({ role: 'heading', 'aria-level': 2 })}>
        认领办件
      </Text>
      <Text className={styles.muted}>在社区、村里提交申请后，凭受理回执上的办件编号认领，就能随时查看办理进度、收到提醒。</Text>
      <InputField id='claim-case-no' label='办件编号' required value={form.caseNo} onChange={(v) => set('caseNo', v)} maxLength={24} placeholder='例如 SB20261126ABC234' hint='见受理回执，SB 开头' error={errors.caseNo} />
      <InputField id='claim-name' label='申请人姓名' required value={form.name} onChange={(v) => set('name', v)} maxLength={30} error={errors.name} />
      <InputField id='claim-phone' label='手机号后四位' required value={form.phoneLast4} onChange={(v) => set('phoneLast4', v)} maxLength={4} hint='登记申请时留的手机号' error={errors.phoneLast4} />
      {errors.form ? (
        <Text className={styles.alert} {...h5Attrs({ role: 'alert' })}>
          {errors.form}
        </Text>
      ) : null}
      <View className={styles.row}>
        {onCancel ? (
          <Pressable className={styles.secondary} onPress={onCancel}>
            取消
          </Pressable>
        ) : null}
        <Pressable className={styles.primary} disabled={busy} onPress={() => void submit()}>
          {busy ? '正在认领…' : '认领'}
        </Pressable>
      </View>
    </View>
  );
}
