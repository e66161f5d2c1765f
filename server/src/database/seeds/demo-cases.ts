import type { EntityManager } from 'typeorm';
import { businessDate } from '../../common/clock/business-date';
import type { FieldCipher } from '../../common/crypto/field-cipher';
import { estimatedDay, libraryDay } from '../../modules/calendar/holiday-library';
import { CaseEvent } from '../../modules/cases/case-event.entity';
import { CaseStep } from '../../modules/cases/case-step.entity';
import { CaseType } from '../../modules/cases/case-type.entity';
import { ServiceCase } from '../../modules/cases/service-case.entity';
import type { Region } from '../../modules/regions/region.entity';
import type { User } from '../../modules/users/user.entity';
import { LIBRARY_LAST_YEAR } from '../../modules/calendar/holiday-library';

/** The unclaimed demo case: claim it as 李建国 with phone digits 1234 (README, "Demo accounts"). */
export const DEMO_UNCLAIMED_CASE_NO = 'SB20261126LJG234';

interface DemoCase {
  caseNo?: string;
  type: string;
  regionCode: string;
  applicantOpenid: string | null;
  applicantName: string;
  phone: string;
  /** Steps already done when the demo starts (1 = only the application). */
  done: number;
  /** Working days ago the active step started (a large number makes it overdue). */
  startedDaysAgo: number;
  openedBy: string;
  notes: string[];
}

const CASES: DemoCase[] = [
  {
    type: 'gaoling',
    regionCode: '410411004001',
    applicantOpenid: 'o_demo_resident_zhang',
    applicantName: '张桂兰',
    phone: '13803751234',
    done: 2,
    startedDaysAgo: 1,
    openedBy: 'o_demo_grid_guangming',
    notes: ['窗口受理，身份证、户口簿齐全', '已核对年龄和户籍，符合条件'],
  },
  {
    type: 'canji',
    regionCode: '410411004001',
    applicantOpenid: null,
    applicantName: '赵德明',
    phone: '13937550021',
    done: 1,
    startedDaysAgo: 6,
    openedBy: 'o_demo_grid_guangming',
    notes: ['家属代为申请，残疾人证已复印'],
  },
  {
    caseNo: DEMO_UNCLAIMED_CASE_NO,
    type: 'linshi',
    regionCode: '410411006001',
    applicantOpenid: null,
    applicantName: '李建国',
    phone: '13800001234',
    done: 1,
    startedDaysAgo: 0,
    openedBy: 'o_demo_grid_zhannan',
    notes: ['突发疾病住院，申请临时救助，医疗票据已收'],
  },
];

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const isWork = (date: string) => (Number(date.slice(0, 4)) <= LIBRARY_LAST_YEAR ? libraryDay(date) : estimatedDay(date)).work;
const workingDaysFrom = (date: string, n: number) => {
  let d = date;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, n < 0 ? -1 : 1);
    if (isWork(d)) left--;
  }
  return d;
};

/**
 * A few cases so the 办件 pages have something to show: 张桂兰's 高龄津贴 at its 公示 step, an
 * unclaimed 残疾人两项补贴 in 光明社区 that is already overdue (staff list), and 李建国's 临时救助 to
 * claim with DEMO_UNCLAIMED_CASE_NO. Dates count back from today in working days.
 */
export async function seedCases(m: EntityManager, regions: Map<string, Region>, users: Map<string, User>, cipher: FieldCipher, now: Date): Promise<number> {
  const today = businessDate(now);
  let n = 0;
  for (const d of CASES) {
    const type = await m.getRepository(CaseType).findOneByOrFail({ code: d.type });
    const region = regions.get(d.regionCode)!;
    const opener = users.get(d.openedBy)!;
    const startedOn = workingDaysFrom(today, -d.startedDaysAgo);
    const started = new Date(`${startedOn}T09:30:00+08:00`);
    const openedOn = workingDaysFrom(startedOn, -(d.done - 1) * 2);
    const opened = new Date(`${openedOn}T09:00:00+08:00`);
    const active = type.steps[d.done];
    const dueOn = workingDaysFrom(startedOn, active.limitDays);
    const c = await m.getRepository(ServiceCase).save(
      m.getRepository(ServiceCase).create({
        caseNo: d.caseNo ?? `SB${openedOn.replace(/-/g, '')}DEM${'ABC'[n]}${n + 2}${n + 3}`,
        caseTypeId: type.id,
        typeName: type.name,
        domain: type.domain,
        regionId: region.id,
        applicantUserId: d.applicantOpenid ? users.get(d.applicantOpenid)!.id : null,
        applicantName: d.applicantName,
        applicantIdEnc: null,
        applicantPhoneEnc: cipher.encrypt(d.phone),
        status: 'open',
        result: null,
        resultReason: null,
        currentPosition: d.done + 1,
        currentDueOn: dueOn,
        stepCount: type.steps.length,
        correction: null,
        claimFailures: 0,
        claimLockedUntil: null,
        openedBy: opener.id,
        openedAt: opened,
        updatedAt: started,
        finishedAt: null,
      }),
    );
    await m.getRepository(CaseStep).save(
      type.steps.map((s, i) =>
        m.getRepository(CaseStep).create({
          caseId: c.id,
          position: i + 1,
          name: s.name,
          role: s.role,
          limitDays: s.limitDays,
          prepare: s.prepare,
          publicity: !!s.publicity,
          state: i < d.done ? 'done' : i === d.done ? 'active' : 'pending',
          startedAt: i <= d.done ? (i === d.done ? started : opened) : null,
          completedAt: i < d.done ? (i === d.done - 1 ? started : opened) : null,
          clockFrom: i === d.done ? startedOn : null,
          dueOn: i === d.done ? dueOn : null,
          dueProvisional: Number(dueOn.slice(0, 4)) > LIBRARY_LAST_YEAR,
          noticeId: null,
          overdueRemindedOn: null,
        }),
      ),
    );
    for (let i = 0; i < d.done; i++) {
      await m.getRepository(CaseEvent).save(
        m.getRepository(CaseEvent).create({
          caseId: c.id,
          type: i === 0 ? 'opened' : 'progress',
          position: i + 1,
          stepName: type.steps[i].name,
          note: d.notes[i] ?? null,
          materials: null,
          dueOn: null,
          result: null,
          attachmentId: null,
          actorId: opener.id,
          actorRole: 'grid_worker',
          createdAt: i === 0 ? opened : started,
        }),
      );
    }
    n++;
  }
  return n;
}
