import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AttachmentDto, NoticeTableDto, StaffNoticeDetailDto } from '@sunboard/shared';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { CheckField } from '../../../components/form/CheckField';
import { ChipsField } from '../../../components/form/ChipsField';
import { DateField } from '../../../components/form/DateField';
import { InputField } from '../../../components/form/InputField';
import { SelectField } from '../../../components/form/SelectField';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { useCatalog } from '../../../hooks/useCatalog';
import { describeError, fieldIssues, isApiError } from '../../../lib/api-error';
import { catalogOptions } from '../../../lib/catalog-labels';
import { addDays, todayInChina } from '../../../lib/compose-dates';
import {
  CATEGORY_FOR_KIND,
  composeFormFromNotice,
  DEFAULT_PUBLICITY_DAYS,
  defaultPublisher,
  issuesToFieldErrors,
  maskFormPersonalData,
  newComposeForm,
  personalDataFindings,
  validateComposeForm,
  type ComposeForm,
  type FieldErrors,
  type GuideForm,
  type PersonalDataFinding,
} from '../../../lib/compose-form';
import type { ScopeOption } from '../../../lib/region-scope';
import { ROUTES } from '../../../lib/routes';
import { createNotice, getStaffNotice, submitNotice, updateNotice } from '../../../services/staff-notices';
import { PersonalDataAlert } from '../shared/PersonalDataAlert';
import { StaffGate } from '../shared/StaffGate';
import shared from '../shared/staff.module.scss';
import { AttachmentUploader } from './AttachmentUploader';
import styles from './index.module.scss';
import { TableImporter } from './TableImporter';
import { useScopeOptions } from './useScopeOptions';

const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon, duration: 2500 });
const scrollTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);

function Section({ title, children, hint }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <View className={shared.section} {...h5Attrs({ role: 'group', 'aria-label': title })}>
      <Text className={shared.sectionTitle}>{title}</Text>
      {hint ? <Text className={shared.muted}>{hint}</Text> : null}
      {children}
    </View>
  );
}

interface EditorProps {
  options: ScopeOption[];
  existing: StaffNoticeDetailDto | null;
}

function Editor({ options, existing }: EditorProps) {
  const { catalog } = useCatalog();
  const [form, setForm] = useState<ComposeForm>(() => {
    if (existing) return composeFormFromNotice(existing);
    const first = options[0] ?? null;
    return newComposeForm(first);
  });
  const [noticeId, setNoticeId] = useState<number | null>(existing?.id ?? null);
  const [status, setStatus] = useState(existing?.status ?? 'draft');
  const [table, setTable] = useState<NoticeTableDto | null>(existing?.table ?? null);
  const [initialAttachments] = useState<AttachmentDto[]>(existing?.attachments ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [findings, setFindings] = useState<PersonalDataFinding[]>([]);
  const [busy, setBusy] = useState<null | 'save' | 'submit'>(null);
  const [uploading, setUploading] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const regionOf = useCallback((id: number | null) => options.find((o) => o.id === id) ?? null, [options]);

  const set = <K extends keyof ComposeForm>(key: K, value: ComposeForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key as string]) setErrors((e) => ({ ...e, [key as string]: undefined }));
  };
  const setGuide = (key: keyof GuideForm, value: string) => {
    setForm((f) => ({ ...f, guide: { ...f.guide, [key]: value } }));
    if (errors[`guide.${key}`]) setErrors((e) => ({ ...e, [`guide.${key}`]: undefined }));
  };

  /** A new region brings its own publishing body, unless the author has written their own. */
  const changeRegion = (value: string) => {
    const id = Number(value);
    setForm((f) => {
      const before = defaultPublisher(regionOf(f.regionId));
      const keep = f.publisher.trim() && f.publisher !== before;
      return { ...f, regionId: id, publisher: keep ? f.publisher : defaultPublisher(regionOf(id)) };
    });
    setErrors((e) => ({ ...e, regionId: undefined }));
  };

  /** The category follows the kind until the author picks one; a 公示 gets a 7-day period. */
  const changeKind = (value: string) => {
    const kind = value as ComposeForm['kind'];
    setForm((f) => {
      const next: ComposeForm = { ...f, kind };
      if (!f.category || f.category === CATEGORY_FOR_KIND[f.kind]) next.category = CATEGORY_FOR_KIND[kind];
      if (kind === 'publicity' && !f.publicityStart && !f.publicityEnd) {
        next.publicityStart = todayInChina();
        next.publicityEnd = addDays(next.publicityStart, DEFAULT_PUBLICITY_DAYS);
      }
      if (kind === 'emergency') next.urgent = true;
      return next;
    });
  };

  const kindOptions = useMemo(() => catalogOptions(catalog, 'kinds').map((o) => ({ value: o.code, label: o.name })), [catalog]);
  const domainOptions = useMemo(() => catalogOptions(catalog, 'domains').map((o) => ({ value: o.code, label: o.name })), [catalog]);
  const categoryOptions = useMemo(() => catalogOptions(catalog, 'categories').map((o) => ({ value: o.code, label: o.name })), [catalog]);
  const methodOptions = useMemo(() => catalogOptions(catalog, 'methods').map((o) => ({ value: o.code, label: o.name })), [catalog]);
  const audienceOptions = useMemo(() => catalogOptions(catalog, 'audiences').map((o) => ({ value: o.code, label: o.name })), [catalog]);
  const channelOptions = useMemo(() => catalogOptions(catalog, 'channels').map((o) => ({ value: o.code, label: o.name })), [catalog]);
  const regionOptions = useMemo(() => options.map((o) => ({ value: String(o.id), label: o.fullName })), [options]);

  const showPeriod = form.kind === 'publicity' || !!form.publicityStart || !!form.publicityEnd;
  const published = status === 'published';

  /** Validates with the shared schema, then creates or updates the draft. */
  const save = async (): Promise<StaffNoticeDetailDto | null> => {
    if (uploading) {
      toast('照片还在上传，请稍候');
      return null;
    }
    const checked = validateComposeForm({ ...form, tableId: table?.id ?? null });
    if (!checked.ok) {
      setErrors(checked.errors);
      setNotice(null);
      return null;
    }
    setErrors({});
    try {
      const saved = noticeId ? await updateNotice(noticeId, checked.input) : await createNotice(checked.input);
      setNoticeId(saved.id);
      setStatus(saved.status);
      return saved;
    } catch (err) {
      const issues = fieldIssues(err);
      if (issues.length) setErrors(issuesToFieldErrors(issues));
      toast(describeError(err));
      return null;
    }
  };

  const saveDraft = async () => {
    setBusy('save');
    try {
      const saved = await save();
      if (saved) {
        setNotice(published ? '更正已保存' : '草稿已保存，可以在“我的草稿”中继续编辑');
        toast(published ? '更正已保存' : '草稿已保存', 'success');
      }
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    setBusy('submit');
    setFindings([]);
    try {
      const saved = await save();
      if (!saved) return;
      if (published) {
        toast('更正已提交', 'success');
        void Taro.redirectTo({ url: ROUTES.staffNotice(saved.id) });
        return;
      }
      try {
        const submitted = await submitNotice(saved.id);
        toast('已提交审核', 'success');
        void Taro.redirectTo({ url: ROUTES.staffNotice(submitted.id) });
      } catch (err) {
        if (isApiError(err) && err.code === 'PERSONAL_DATA_FOUND') {
          setFindings(personalDataFindings(err.details));
          setNotice(null);
        } else {
          toast(describeError(err));
        }
      }
    } finally {
      setBusy(null);
    }
  };

  const mask = () => {
    const { form: masked, count } = maskFormPersonalData(form);
    setForm(masked);
    setFindings([]);
    setNotice(`已将 ${count} 处身份证号、手机号码打码，请核对后再点“提交审核”`);
  };

  const errorList = Object.values(errors).filter((e): e is string => !!e);
  const bodyError = errors.body ?? null;

  return (
    <View className={shared.page}>
      <Section title='发布范围和类别'>
        <SelectField id='f-region' label='发布区域' required value={form.regionId ? String(form.regionId) : ''} options={regionOptions} onChange={changeRegion} error={errors.regionId} hint='只能选择您负责的区域' />
        <SelectField id='f-kind' label='类别' required value={form.kind} options={kindOptions} onChange={changeKind} error={errors.kind} />
        <SelectField id='f-domain' label='领域' required value={form.domain} options={domainOptions} onChange={(v) => set('domain', v as ComposeForm['domain'])} error={errors.domain} placeholder='请选择领域' />
        <SelectField id='f-category' label='五公开类别' required value={form.category} options={categoryOptions} onChange={(v) => set('category', v as ComposeForm['category'])} error={errors.category} />
      </Section>

      <Section title='名称和内容'>
        <InputField id='f-title' label='名称' required value={form.title} onChange={(v) => set('title', v)} maxLength={120} error={errors.title} placeholder='例如：2026年11月城乡低保对象公示' />
        <TextAreaField id='f-body' label='内容' required value={form.body} onChange={(v) => set('body', v)} error={bodyError} hint='每行一段。身份证号、手机号码请打码后再写。' maxLength={20000} />
      </Section>

      {showPeriod ? (
        <Section title='公示期' hint='公示期满后，公示名单自动不再向居民显示'>
          <DateField id='f-pub-start' label='公示开始日期' required={form.kind === 'publicity'} value={form.publicityStart} onChange={(v) => set('publicityStart', v)} error={errors.publicityStart} />
          <DateField id='f-pub-end' label='公示结束日期' required={form.kind === 'publicity'} value={form.publicityEnd} onChange={(v) => set('publicityEnd', v)} error={errors.publicityEnd} min={form.publicityStart || undefined} />
        </Section>
      ) : null}

      {form.kind === 'service_guide' ? (
        <Section title='办事指南'>
          <TextAreaField id='g-conditions' label='办理条件' required value={form.guide.conditions} onChange={(v) => setGuide('conditions', v)} error={errors['guide.conditions']} short />
          <TextAreaField id='g-materials' label='所需材料' required hint='每行一项' value={form.guide.materials} onChange={(v) => setGuide('materials', v)} error={errors['guide.materials']} short />
          <TextAreaField id='g-steps' label='办理流程' required hint='每行一步' value={form.guide.steps} onChange={(v) => setGuide('steps', v)} error={errors['guide.steps']} short />
          <InputField id='g-place' label='办理地点和时间' required value={form.guide.placeAndTime} onChange={(v) => setGuide('placeAndTime', v)} error={errors['guide.placeAndTime']} />
          <InputField id='g-consult' label='咨询电话' required value={form.guide.consultPhone} onChange={(v) => setGuide('consultPhone', v)} error={errors['guide.consultPhone']} />
          <InputField id='g-complaint' label='监督举报电话' required value={form.guide.complaintPhone} onChange={(v) => setGuide('complaintPhone', v)} error={errors['guide.complaintPhone']} />
          {errors.guide ? <Text className={styles.fieldError}>{errors.guide}</Text> : null}
        </Section>
      ) : null}

      <Section title='照片和附件'>
        <AttachmentUploader initial={initialAttachments} onChange={(ids) => setForm((f) => ({ ...f, attachmentIds: ids }))} onBusyChange={setUploading} />
        {errors.attachmentIds ? <Text className={styles.fieldError}>{errors.attachmentIds}</Text> : null}
      </Section>

      <Section title='公示名单（Excel）'>
        <TableImporter table={table} onChange={setTable} />
        {errors.tableId ? <Text className={styles.fieldError}>{errors.tableId}</Text> : null}
      </Section>

      <Section title='公开要素' hint='已按常用情况填好，请核对'>
        <InputField id='f-publisher' label='发布主体' required value={form.publisher} onChange={(v) => set('publisher', v)} maxLength={100} error={errors.publisher} />
        <TextAreaField id='f-basis' label='依据' required value={form.basis} onChange={(v) => set('basis', v)} maxLength={2000} error={errors.basis} placeholder='例如：《社会救助暂行办法》第十一条' short />
        <InputField id='f-time-limit' label='时限' required value={form.timeLimit} onChange={(v) => set('timeLimit', v)} maxLength={100} error={errors.timeLimit} />
        <SelectField id='f-method' label='公开方式' required value={form.method} options={methodOptions} onChange={(v) => set('method', v as ComposeForm['method'])} error={errors.method} />
        <ChipsField id='f-channels' label='公开渠道' options={channelOptions} values={form.channels} onChange={(v) => set('channels', v as ComposeForm['channels'])} error={errors.channels} hint='可多选' />
        <SelectField id='f-audience' label='公开对象' required value={form.audience} options={audienceOptions} onChange={(v) => set('audience', v as ComposeForm['audience'])} error={errors.audience} />
        <InputField id='f-doc-no' label='文号' hint='选填' value={form.docNo} onChange={(v) => set('docNo', v)} maxLength={100} error={errors.docNo} />
        <InputField id='f-index-no' label='索引号' hint='选填' value={form.indexNo} onChange={(v) => set('indexNo', v)} maxLength={100} error={errors.indexNo} />
        <DateField id='f-valid-from' label='生效日期' hint='选填，不填为长期有效' value={form.validFrom} onChange={(v) => set('validFrom', v)} error={errors.validFrom} />
        <DateField id='f-valid-until' label='失效日期' hint='选填' value={form.validUntil} onChange={(v) => set('validUntil', v)} error={errors.validUntil} min={form.validFrom || undefined} />
        <CheckField id='f-urgent' label='紧急' description='在首页最上方醒目提示' checked={form.urgent} onChange={(v) => set('urgent', v)} />
        <CheckField id='f-pinned' label='置顶' checked={form.pinned} onChange={(v) => set('pinned', v)} />
      </Section>

      {findings.length ? <PersonalDataAlert findings={findings} onMask={mask} /> : null}
      {errorList.length ? (
        <View className={shared.alert} {...h5Attrs({ role: 'alert' })}>
          <Text className={shared.alertTitle}>还有 {errorList.length} 处需要填写或修改</Text>
          {errorList.slice(0, 6).map((e, i) => (
            <Text key={i} className={shared.text}>
              · {e}
            </Text>
          ))}
        </View>
      ) : null}
      {notice ? (
        <Text className={shared.ok} {...h5Attrs({ role: 'status' })}>
          {notice}
        </Text>
      ) : null}
      <View className={shared.row}>
        <Pressable className={shared.secondary} disabled={busy !== null} onPress={() => void saveDraft()}>
          {busy === 'save' ? '正在保存…' : published ? '保存更正' : '保存草稿'}
        </Pressable>
        <Pressable className={shared.primary} disabled={busy !== null} onPress={() => void submit()}>
          {busy === 'submit' ? '正在提交…' : published ? '提交更正' : '提交审核'}
        </Pressable>
      </View>
      <Text className={shared.muted}>提交后由审核人进行保密审查，审核通过才会发布。</Text>
      <View className={shared.footer} />
    </View>
  );
}

function Compose({ id }: { id: number | null }) {
  const scope = useScopeOptions();
  const [existing, setExisting] = useState<StaffNoticeDetailDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!id) return;
    setError(null);
    try {
      const n = await getStaffNotice(id);
      if (!n.actions.includes('edit') && !n.actions.includes('correct')) {
        setError(n.status === 'pending_review' ? '这条公开信息正在审核中，不能修改' : '这条公开信息现在不能修改');
        return;
      }
      setExisting(n);
    } catch (err) {
      setError(describeError(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (scope.error) return <ErrorState message={scope.error} onRetry={scope.reload} />;
  if (!scope.options || (id && !existing)) return <LoadingState text='正在准备…' />;
  if (!scope.options.length) return <ErrorState message='您的账号还没有负责的区域，请联系管理员' />;
  // A notice deeper in the tree than the picker lists keeps its own region as a choice.
  const options =
    existing && !scope.options.some((o) => o.id === existing.regionId)
      ? [{ id: existing.regionId, name: existing.region.name, level: existing.region.level, fullName: existing.region.fullName, depth: 0 }, ...scope.options]
      : scope.options;
  return <Editor options={options} existing={existing} />;
}

export default function StaffComposePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  useEffect(() => {
    scrollTop();
  }, []);
  return (
    <PageRoot title={valid ? '编辑公开信息' : '发布公开信息'}>
      <SessionGate>
        <StaffGate>
          <Compose id={valid ? id : null} />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
