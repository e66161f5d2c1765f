import type { ConsultationDetailDto } from '@sunboard/shared';
import { Clock } from '../../src/common/clock/clock';
import type { TestApp } from './test-app';

export interface Person {
  token: string;
  id: number;
  openid: string;
}

/** Logs a resident in through the fake WeChat and sets their name and home region as the 我的 page would. */
export async function resident(t: TestApp, openid: string, name: string, homeRegionId: number | null): Promise<Person> {
  const { token, user } = await t.login(openid);
  await t.db.query('UPDATE app_user SET display_name = ?, home_region_id = ? WHERE id = ?', [name, homeRegionId, user.id]);
  return { token, id: user.id, openid };
}

/** The draft of the parking rules used across the specs: a lead-in and five articles. */
export const PARKING_DRAFT = [
  '为规范光明社区停车秩序，结合本社区实际，制定本办法。',
  '第一条 本办法适用于光明社区各住宅小区。',
  '第二条 小区停车位优先分配给本小区业主。',
  '第三条 临时停车每小时收费二元，夜间免费。',
  '收费标准每年公示一次。',
  '第四条 消防通道严禁停车。',
  '第五条 本办法自公布之日起施行。',
].join('\n');

export const at = (iso: string) => new Date(iso).toISOString();

/** Sets the application clock (every time decision of the server reads it). */
export function setClock(t: TestApp, iso: string): void {
  t.app.get(Clock).set(iso);
}

/** A consultation body with sensible defaults; `regionId` and the period are required. */
export function consultationBody(over: Record<string, unknown> & { regionId: number; opensAt: string; closesAt: string }) {
  return {
    title: '光明社区停车管理办法（征求意见稿）',
    summary: '为解决小区停车难，社区起草了停车管理办法，现公开征求居民意见。',
    basis: '《中华人民共和国城乡居民委员会组织法》',
    publisher: '光明社区居民委员会',
    contact: '社区居委会 0375-1234567',
    type: 'village_affairs',
    domain: 'municipal_service',
    draftText: PARKING_DRAFT,
    ...over,
  };
}

export async function createConsultation(t: TestApp, token: string, over: Parameters<typeof consultationBody>[0]): Promise<ConsultationDetailDto> {
  const res = await t.request<ConsultationDetailDto>('POST', '/api/consultations', { token, body: consultationBody(over) });
  if (res.status !== 201) throw new Error(`create consultation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
