import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type AttachmentDto, type CaseDetailDto, type CaseResult } from '@sunboard/shared';
import { useState } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { CheckField } from '../../../components/form/CheckField';
import { DateField } from '../../../components/form/DateField';
import { InputField } from '../../../components/form/InputField';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { Pressable } from '../../../components/Pressable';
import { describeError, fieldIssues } from '../../../lib/api-error';
import {
  correctionFieldOf,
  emptyCorrectionForm,
  emptyFinishForm,
  emptyProgressForm,
  finishConfirmText,
  finishFieldOf,
  issuesToErrors,
  progressFieldOf,
  validateCorrectionForm,
  validateFinishForm,
  validateProgressForm,
  type CaseFieldErrors,
  type CorrectionField,
  type CorrectionForm,
  type FinishField,
  type FinishForm,
  type ProgressField,
  type ProgressForm,
} from '../../../lib/cases-form';
import { roleReaches } from '../../../lib/cases';
import { addDays, todayInChina } from '../../../lib/compose-dates';
import { cx } from '../../../lib/cx';
import { imageTooLarge } from '../../../lib/files';
import { finishCase, recordCaseProgress, requestCaseCorrection, resumeCase } from '../../../services/cases';
import { pickPhotos } from '../../../services/pickers';
import { uploadAttachment } from '../../../services/uploads';
import { useSession } from '../../../stores/session';
import shared from '../shared/cases.module.scss';
import styles from './index.module.scss';

type Action = 'progress' | 'correction' | 'finish';
type Done = (c: CaseDetailDto, message: string) => void;

/** Errors from the server: field reasons next to the fields, anything else above the button. */
function serverErrors<F extends string>(err: unknown, fieldOf: (p: string) => F | 'form'): CaseFieldErrors<F> {
  const issues = fieldIssues(err);
  return issues.length ? issuesToErrors(issues, fieldOf) : ({ form: describeError(err) } as CaseFieldErrors<F>);
}

function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Text className={shared.alert} {...h5Attrs({ role: 'alert' })}>
      {message}
    </Text>
  );
}

/** One optional photo for the progress note, uploaded at once (the uploads service strips EXIF). */
function PhotoPicker({ attachment, onChange }: { attachment: { a: AttachmentDto; preview: string } | null; onChange: (v: { a: AttachmentDto; preview: string } | null) => void }) {
  const [state, setState] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (source: 'camera' | 'album') => {
    try {
      const [picked] = await pickPhotos(source, 1);
      if (!picked) return;
      const tooBig = imageTooLarge(picked.size);
      if (tooBig) {
        setState(tooBig);
        return;
      }
      setBusy(true);
      setState('正在上传照片 0%');
      const a = await uploadAttachment(picked, (p) => setState(`正在上传照片 ${p}%`));
      onChange({ a, preview: picked.path });
      setState(null);
    } catch (err) {
      setState(`照片上传失败：${describeError(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={styles.photo} {...h5Attrs({ role: 'group', 'aria-label': '现场照片（选填）' })}>
      <Text className={shared.muted}>现场照片（选填，1 张）</Text>
      {attachment ? (
        <>
          {process.env.TARO_ENV === 'h5' ? (
            <img className={styles.photoImg} src={attachment.preview} alt={`已添加照片 ${attachment.a.name}`} />
          ) : (
            <Image className={styles.photoImg} src={attachment.preview} mode='aspectFill' />
          )}
          <Pressable className={shared.secondary} label={`移除照片 ${attachment.a.name}`} onPress={() => onChange(null)}>
            移除照片
          </Pressable>
        </>
      ) : (
        <View className={shared.row}>
          <Pressable className={shared.secondary} disabled={busy} onPress={() => void choose('camera')}>
            拍照
          </Pressable>
          <Pressable className={shared.secondary} disabled={busy} onPress={() => void choose('album')}>
            从相册选择
          </Pressable>
        </View>
      )}
      {state ? (
        <Text className={shared.muted} {...h5Attrs({ role: 'status' })}>
          {state}
        </Text>
      ) : null}
    </View>
  );
}

/** 记录办理进度 on the active step: a note, "完成本环节", an optional photo and (公示) the notice. */
function ProgressPanel({ detail, onDone }: { detail: CaseDetailDto; onDone: Done }) {
  const active = detail.steps.find((s) => s.state === 'active');
  const next = active ? detail.steps.find((s) => s.position === active.position + 1) : undefined;
  const [form, setForm] = useState<ProgressForm>(emptyProgressForm);
  const [photo, setPhoto] = useState<{ a: AttachmentDto; preview: string } | null>(null);
  const [errors, setErrors] = useState<CaseFieldErrors<ProgressField>>({});
  const [busy, setBusy] = useState(false);
  const roles = useSession((st) => st.user?.staffRoles ?? []);
  if (!active) return <Text className={shared.muted}>没有正在办理的环节。</Text>;
  if (!roleReaches(roles, active.role)) {
    return <Text className={shared.text}>“{active.name}”由{ROLE_LABELS[active.role] ?? active.role}办理，您可以通知补正或查看进度。</Text>;
  }

  const set = <K extends keyof ProgressForm>(key: K, value: ProgressForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };
  const submit = async () => {
    const checked = validateProgressForm({ ...form, attachmentId: photo?.a.id ?? null }, active.position);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const updated = await recordCaseProgress(detail.id, checked.input);
      setForm(emptyProgressForm());
      setPhoto(null);
      setErrors({});
      onDone(updated, form.complete ? `“${active.name}”已办结` : '办理情况已记录');
    } catch (err) {
      setErrors(serverErrors(err, progressFieldOf));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={shared.list}>
      <Text className={shared.text}>
        当前环节：第 {active.position} 步 {active.name}
      </Text>
      <TextAreaField id='progress-note' label='办理情况' required value={form.note} onChange={(v) => set('note', v)} maxLength={500} short hint='申请人会看到，请写清楚办了什么' error={errors.note} />
      <CheckField
        id='progress-complete'
        label='完成本环节'
        description={form.complete ? (next ? `提交后进入下一环节：${next.name}` : '这是最后一个环节，完成后请办结') : '只记录办理情况，本环节继续办理'}
        checked={form.complete}
        onChange={(v) => set('complete', v)}
      />
      {active.publicity ? (
        <InputField id='progress-notice' label='公示编号（选填）' value={form.noticeId} onChange={(v) => set('noticeId', v)} maxLength={10} hint='已发布的公示的编号，申请人可以点开查看' error={errors.noticeId} />
      ) : null}
      <PhotoPicker attachment={photo} onChange={setPhoto} />
      {errors.attachmentId ? <FormError message={errors.attachmentId} /> : null}
      <FormError message={errors.form ?? errors.position} />
      <Pressable className={shared.primary} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在提交…' : form.complete ? '提交并完成本环节' : '提交办理情况'}
      </Pressable>
    </View>
  );
}

/** 通知补正: the missing materials (one per line) and the last day to bring them. */
function CorrectionPanel({ detail, onDone }: { detail: CaseDetailDto; onDone: Done }) {
  const [form, setForm] = useState<CorrectionForm>(emptyCorrectionForm);
  const [errors, setErrors] = useState<CaseFieldErrors<CorrectionField>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof CorrectionForm>(key: K, value: CorrectionForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };
  const submit = async () => {
    const checked = validateCorrectionForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const updated = await requestCaseCorrection(detail.id, checked.input);
      setForm(emptyCorrectionForm());
      setErrors({});
      onDone(updated, '已通知申请人补正材料');
    } catch (err) {
      setErrors(serverErrors(err, correctionFieldOf));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={shared.list}>
      <TextAreaField id='correction-materials' label='需要补正的材料' required value={form.materials} onChange={(v) => set('materials', v)} maxLength={1000} short hint='每行写一项，例如：户口簿复印件' error={errors.materials} />
      <DateField id='correction-due' label='截止日期' required value={form.dueOn} onChange={(v) => set('dueOn', v)} min={addDays(todayInChina(), 1)} error={errors.dueOn} />
      <TextAreaField id='correction-note' label='说明（选填）' value={form.note} onChange={(v) => set('note', v)} maxLength={500} short error={errors.note} />
      <FormError message={errors.form} />
      <Pressable className={shared.primary} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在提交…' : '发送补正通知'}
      </Pressable>
    </View>
  );
}

/** 办结: 准予 / 不予 (with the reason), confirmed first. */
function FinishPanel({ detail, onDone }: { detail: CaseDetailDto; onDone: Done }) {
  const [form, setForm] = useState<FinishForm>(emptyFinishForm);
  const [errors, setErrors] = useState<CaseFieldErrors<FinishField>>({});
  const [busy, setBusy] = useState(false);
  const pick = (result: CaseResult) => {
    setForm((f) => ({ ...f, result }));
    setErrors((e) => ({ ...e, result: undefined, form: undefined }));
  };
  const submit = async () => {
    const checked = validateFinishForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const answer = await Taro.showModal({ title: '确认办结', content: finishConfirmText(checked.input.result), confirmText: '确认办结', cancelText: '再想想' });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      const updated = await finishCase(detail.id, checked.input);
      setErrors({});
      onDone(updated, '已办结，申请人会收到结果');
    } catch (err) {
      setErrors(serverErrors(err, finishFieldOf));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={shared.list}>
      <View {...h5Attrs({ role: 'group', 'aria-labelledby': 'finish-result-label' })} className={shared.list}>
        <Text id='finish-result-label' className={shared.text}>
          办理结果（必填）
        </Text>
        <View className={shared.chips}>
          {(['approved', 'rejected'] as const).map((r) => (
            <Pressable key={r} className={cx(shared.chip, form.result === r && shared.chipOn)} pressed={form.result === r} onPress={() => pick(r)}>
              {form.result === r ? '✓ ' : ''}
              {r === 'approved' ? '准予办理' : '不予办理'}
            </Pressable>
          ))}
        </View>
        {errors.result ? (
          <Text className={shared.overdue} {...h5Attrs({ role: 'alert' })}>
            {errors.result}
          </Text>
        ) : null}
      </View>
      <TextAreaField
        id='finish-reason'
        label={form.result === 'rejected' ? '不予办理的理由' : '说明（选填）'}
        required={form.result === 'rejected'}
        value={form.reason}
        onChange={(v) => {
          setForm((f) => ({ ...f, reason: v }));
          setErrors((e) => ({ ...e, reason: undefined, form: undefined }));
        }}
        maxLength={500}
        short
        hint={form.result === 'rejected' ? '申请人会看到，请写明依据' : undefined}
        error={errors.reason}
      />
      <FormError message={errors.form} />
      <Pressable className={shared.danger} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在办结…' : '提交办结'}
      </Pressable>
    </View>
  );
}

/** 收到补正材料: the step's clock starts again. */
function ResumePanel({ detail, onDone }: { detail: CaseDetailDto; onDone: Done }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await resumeCase(detail.id, note.trim() ? { note } : {});
      setNote('');
      onDone(updated, '已收到补正材料，继续办理');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={shared.list}>
      <TextAreaField id='resume-note' label='说明（选填）' value={note} onChange={setNote} maxLength={500} short hint='例如：已收到户口簿复印件' />
      <FormError message={error ?? undefined} />
      <Pressable className={shared.primary} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在提交…' : '收到补正材料'}
      </Pressable>
    </View>
  );
}

const ACTION_LABELS: Record<Action, string> = { progress: '记录进度', correction: '通知补正', finish: '办结' };

/** 办理 (staff covering the region): record progress, ask for 补正 or take the materials in, finish. */
export function StaffActions({ detail, onChanged }: { detail: CaseDetailDto; onChanged: (c: CaseDetailDto) => void }) {
  const [action, setAction] = useState<Action>('progress');
  const mayFinish = useSession((st) => roleReaches(st.user?.staffRoles ?? [], 'reviewer'));
  if (!detail.canManage || detail.status === 'finished') return null;
  const done: Done = (c, message) => {
    onChanged(c);
    setAction('progress');
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  };
  // 办结 is for reviewers and admins.
  const actions = (detail.status === 'correction' ? ['finish'] : ['progress', 'correction', 'finish']).filter((a) => a !== 'finish' || mayFinish) as Action[];
  const current = actions.includes(action) ? action : null;
  return (
    <View className={shared.section} {...h5Attrs({ role: 'region', 'aria-label': '办理' })}>
      <Text className={shared.sectionTitle} {...h5Attrs({ role: 'heading', 'aria-level': 2 })}>
        办理（工作人员）
      </Text>
      {detail.status === 'correction' ? <ResumePanel detail={detail} onDone={done} /> : null}
      {actions.length > 1 || (detail.status === 'correction' && actions.length > 0) ? (
        <View className={shared.chips} {...h5Attrs({ role: 'group', 'aria-label': '选择操作' })}>
          {actions.map((a) => (
            <Pressable key={a} className={cx(shared.chip, current === a && shared.chipOn)} pressed={current === a} onPress={() => setAction(a)}>
              {ACTION_LABELS[a]}
            </Pressable>
          ))}
        </View>
      ) : null}
      {current === 'progress' ? <ProgressPanel detail={detail} onDone={done} /> : null}
      {current === 'correction' ? <CorrectionPanel detail={detail} onDone={done} /> : null}
      {current === 'finish' ? <FinishPanel detail={detail} onDone={done} /> : null}
    </View>
  );
}
