import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, type CaseResidentDto, type CaseTypeDto } from '@sunboard/shared';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { h5Attrs } from '../../../components/a11y';
import { InputField } from '../../../components/form/InputField';
import { SelectField } from '../../../components/form/SelectField';
import { TextAreaField } from '../../../components/form/TextAreaField';
import { PageRoot } from '../../../components/PageRoot';
import { Pressable } from '../../../components/Pressable';
import { SessionGate } from '../../../components/SessionGate';
import { ErrorState, LoadingState } from '../../../components/StateView';
import { describeError, fieldIssues } from '../../../lib/api-error';
import { emptyOpenCaseForm, issuesToErrors, openCaseFieldOf, validateOpenCaseForm, type CaseFieldErrors, type OpenCaseField, type OpenCaseForm } from '../../../lib/cases-form';
import { cx } from '../../../lib/cx';
import type { ScopeOption } from '../../../lib/region-scope';
import { ROUTES } from '../../../lib/routes';
import { listCaseTypes, openCase, searchCaseResidents } from '../../../services/cases';
import { useScopeOptions } from '../../staff/compose/useScopeOptions';
import { StaffGate } from '../../staff/shared/StaffGate';
import styles from '../shared/cases.module.scss';

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <View className={styles.section} {...h5Attrs({ role: 'group', 'aria-label': title })}>
      <Text className={styles.sectionTitle}>{title}</Text>
      {hint ? <Text className={styles.muted}>{hint}</Text> : null}
      {children}
    </View>
  );
}

/** The steps of the chosen case type: what the resident will go through, with the limits. */
function TypeSteps({ type }: { type: CaseTypeDto }) {
  return (
    <View className={styles.list}>
      {type.description ? <Text className={styles.text}>{type.description}</Text> : null}
      <Text className={styles.muted}>共 {type.steps.length} 个环节，时限合计 {type.totalLimitDays} 个工作日</Text>
      <View className={styles.bullets} {...h5Attrs({ role: 'list', 'aria-label': `${type.name}的办理环节` })}>
        {type.steps.map((s) => (
          <Text key={s.position} className={styles.bullet} {...h5Attrs({ role: 'listitem' })}>
            {s.position}. {s.name}（{ROLE_LABELS[s.role] ?? s.role}，{s.limitDays} 个工作日）{s.publicity ? '·公示' : ''}
          </Text>
        ))}
      </View>
    </View>
  );
}

/** Optional: link the case to a resident's account (otherwise they claim it with the case number). */
function ResidentLink({ regionId, value, onChange }: { regionId: number | null; value: CaseResidentDto | null; onChange: (r: CaseResidentDto | null) => void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<CaseResidentDto[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setResults(null);
  }, [regionId]);
  const search = async () => {
    if (!regionId) {
      setError('请先选择申请人所在的社区、村或网格');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResults(await searchCaseResidents(regionId, q.trim() || undefined));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  if (value) {
    return (
      <View className={styles.list}>
        <Text className={styles.ok} {...h5Attrs({ role: 'status' })}>
          已关联居民账号：{value.displayName}
          {value.homeRegion ? `（${value.homeRegion.name}）` : ''}
        </Text>
        <Pressable className={styles.secondary} onPress={() => onChange(null)}>
          取消关联
        </Pressable>
      </View>
    );
  }
  return (
    <View className={styles.list}>
      <InputField id='open-resident-q' label='查找居民账号' value={q} onChange={setQ} maxLength={30} hint='输入姓名或昵称；不填则列出本区域的居民' />
      <Pressable className={styles.secondary} disabled={busy} onPress={() => void search()}>
        {busy ? '正在查找…' : '查找居民'}
      </Pressable>
      {error ? (
        <Text className={styles.overdue} {...h5Attrs({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
      {results ? (
        results.length ? (
          <View className={styles.list} {...h5Attrs({ role: 'list', 'aria-label': '找到的居民' })}>
            {results.map((r) => (
              <View key={r.id} {...h5Attrs({ role: 'listitem' })}>
                <Pressable className={styles.chip} label={`关联 ${r.displayName}${r.homeRegion ? `（${r.homeRegion.name}）` : ''}`} onPress={() => onChange(r)}>
                  关联 {r.displayName}
                  {r.homeRegion ? `（${r.homeRegion.name}）` : ''}
                </Pressable>
              </View>
            ))}
          </View>
        ) : (
          <Text className={styles.muted} {...h5Attrs({ role: 'status' })}>
            没有找到，申请人可以凭办件编号自己认领。
          </Text>
        )
      ) : null}
    </View>
  );
}

function OpenCaseEditor({ types, regions }: { types: CaseTypeDto[]; regions: ScopeOption[] }) {
  const [form, setForm] = useState<OpenCaseForm>(() => emptyOpenCaseForm(regions.length === 1 ? regions[0].id : null));
  const [resident, setResident] = useState<CaseResidentDto | null>(null);
  const [errors, setErrors] = useState<CaseFieldErrors<OpenCaseField>>({});
  const [busy, setBusy] = useState(false);
  const type = types.find((t) => t.id === form.caseTypeId) ?? null;
  const typeOptions = useMemo(() => types.map((t) => ({ value: String(t.id), label: t.name })), [types]);
  const regionOptions = useMemo(() => regions.map((r) => ({ value: String(r.id), label: r.fullName })), [regions]);

  const set = <K extends keyof OpenCaseForm>(key: K, value: OpenCaseForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  const submit = async () => {
    const checked = validateOpenCaseForm({ ...form, userId: resident?.id ?? null });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const created = await openCase(checked.input);
      void Taro.redirectTo({ url: `${ROUTES.caseDetail(created.id)}&new=1` });
    } catch (err) {
      const issues = fieldIssues(err);
      setErrors(issues.length ? issuesToErrors(issues, openCaseFieldOf) : { form: describeError(err) });
    } finally {
      setBusy(false);
    }
  };

  const errorList = Object.values(errors).filter((e): e is string => !!e);
  return (
    <View className={styles.page}>
      <Section title='选择事项'>
        <SelectField id='open-type' label='办理事项' required value={form.caseTypeId ? String(form.caseTypeId) : ''} options={typeOptions} onChange={(v) => set('caseTypeId', Number(v) || null)} placeholder='请选择办理事项' error={errors.caseTypeId} />
        {type ? <TypeSteps type={type} /> : null}
      </Section>
      <Section title='申请人'>
        <SelectField
          id='open-region'
          label='所在社区、村或网格'
          required
          value={form.regionId ? String(form.regionId) : ''}
          options={regionOptions}
          onChange={(v) => {
            set('regionId', Number(v) || null);
            setResident(null);
          }}
          hint='只能选择您负责的区域'
          error={errors.regionId}
        />
        <InputField id='open-name' label='申请人姓名' required value={form.name} onChange={(v) => set('name', v)} maxLength={30} error={errors.name} />
        <InputField id='open-phone' label='手机号码' required value={form.phone} onChange={(v) => set('phone', v)} maxLength={13} hint='认领时核对后四位，页面上只显示打码后的号码' error={errors.phone} />
        <InputField id='open-id-number' label='身份证号（选填）' value={form.idNumber} onChange={(v) => set('idNumber', v)} maxLength={18} hint='加密保存，页面上只显示前后两位' error={errors.idNumber} />
      </Section>
      <Section title='关联居民账号（选填）' hint='关联后申请人直接收到进度提醒；不关联的，申请人凭办件编号、姓名和手机号后四位自己认领。'>
        <ResidentLink regionId={form.regionId} value={resident} onChange={setResident} />
        {errors.userId ? (
          <Text className={styles.overdue} {...h5Attrs({ role: 'alert' })}>
            {errors.userId}
          </Text>
        ) : null}
      </Section>
      <Section title='备注（选填）'>
        <TextAreaField id='open-note' label='备注' value={form.note} onChange={(v) => set('note', v)} maxLength={500} short error={errors.note} hint='例如：代办人、已收材料' />
      </Section>
      {errorList.length ? (
        <View className={styles.alert} {...h5Attrs({ role: 'alert' })}>
          <Text className={styles.alertTitle}>还有 {errorList.length} 处需要填写或修改</Text>
          {errorList.slice(0, 6).map((e, i) => (
            <Text key={i}>· {e}</Text>
          ))}
        </View>
      ) : null}
      <Pressable className={cx(styles.primary)} disabled={busy} onPress={() => void submit()}>
        {busy ? '正在登记…' : '登记办件'}
      </Pressable>
      <Text className={styles.muted}>登记后生成办件编号，请写在受理回执上交给申请人。</Text>
      <View className={styles.footer} />
    </View>
  );
}

function OpenCase() {
  const scope = useScopeOptions();
  const [types, setTypes] = useState<CaseTypeDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setTypes((await listCaseTypes()).filter((t) => t.active));
    } catch (err) {
      setError(describeError(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (scope.error) return <ErrorState message={scope.error} onRetry={scope.reload} />;
  if (!types || !scope.options) return <LoadingState text='正在准备…' />;
  if (!scope.options.length) return <ErrorState message='您的账号还没有负责的区域，请联系管理员' />;
  if (!types.length) return <ErrorState message='还没有可以登记的办理事项，请联系管理员' />;
  return <OpenCaseEditor types={types} regions={scope.options} />;
}

export default function StaffOpenCasePage() {
  return (
    <PageRoot title='登记办件'>
      <SessionGate>
        <StaffGate>
          <OpenCase />
        </StaffGate>
      </SessionGate>
    </PageRoot>
  );
}
