/**
 * The virtual users. Each is one loop — act, think, act — holding what a phone would hold (its
 * token, the cards it last saw, the cursor of its feed), so requests follow each other the way a
 * person's taps do. Every request goes through the Recorder under an operation name.
 *
 * A resident, every 1–3 s: feed page 1 of their home region, then page 2 half the time (40%); a
 * notice they saw (25%); a search (15%); a consultation with its comments, commenting at most
 * `commentBudget` times in the run (5%); rating a notice they saw (5%); the message centre (10%).
 *
 * A grid worker, every 3–8 s: a notice drafted for a community of their street (or the street) and
 * submitted (45%); their own notices (15%); a case — opened for a resident of their street, then
 * moved through the grid worker's steps (25%); the case list (15%).
 * A reviewer, every 3–8 s: the review queue, approving the oldest submission (which publishes it and
 * fans out pushes and message-centre items in the same transaction); then, by turns, the case list
 * and progress on a case at a reviewer's step (民主评议), the 差评 follow-ups, the comment moderation
 * queue.
 */
import { performance } from 'node:perf_hooks';

const SEARCHES = ['低保', '医保', '停水', '垃圾分类', '高龄津贴', '招聘', '财务收支', '养老保险', '公示', '焚烧', '送戏下乡', '居民 医保', '低保对象', '量子计算'];
const NOTICE_TITLES = [
  '关于冬季供暖费缴纳的通知',
  '小区二次供水设施清洗停水通知',
  '第四季度城乡低保对象公示',
  '高龄津贴资格认证通知',
  '社区卫生服务站开放时间调整公告',
  '老旧小区改造征求意见结果公示',
];
const SUGGESTIONS = [
  '增加老年人助餐点的开放时间',
  '在公示栏旁边加装照明，方便晚上查看',
  '把办理材料清单贴在社区服务站门口',
  '施工期间安排专人疏导交通',
  '每月公开一次资金使用明细',
  '为行动不便的老人提供上门办理服务',
];
const GOOD_TAGS = ['clear_info', 'efficient', 'good_attitude', 'timely'];
const BAD_TAGS = ['unclear_info', 'outdated'];

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const uniform = (lo, hi) => lo + Math.random() * (hi - lo);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Shared by every virtual user: where the server is, the recorder, the clock of the run. */
export class Run {
  constructor({ api, recorder, endAt, consultations, caseTypeId, commentBudget }) {
    this.api = api;
    this.rec = recorder;
    this.endAt = endAt;
    this.consultations = consultations;
    this.caseTypeId = caseTypeId;
    this.commentBudget = commentBudget;
    this.noticeSeq = 0;
  }
  get running() {
    return performance.now() < this.endAt;
  }
  call(op, user, method, path, body) {
    return this.rec.call(op, this.api, method, path, { token: user.token, ip: user.ip, body });
  }
  /** Think time, cut short at the end of the run. */
  async think(lo, hi) {
    await sleep(Math.max(0, Math.min(uniform(lo, hi), this.endAt - performance.now())));
  }
}

// ---- residents -----------------------------------------------------------------------------------

async function feed(run, u) {
  const r = await run.call('feed p1', u, 'GET', '/api/notices?limit=20');
  if (!r.ok) return;
  u.seen = r.body.items.map((n) => n.id);
  if (r.body.nextCursor && Math.random() < 0.5) {
    const r2 = await run.call('feed p2', u, 'GET', `/api/notices?limit=20&cursor=${encodeURIComponent(r.body.nextCursor)}`);
    if (r2.ok) u.seen.push(...r2.body.items.map((n) => n.id));
  }
}

async function seenNotice(run, u) {
  if (!u.seen.length) await feed(run, u);
  return u.seen.length ? pick(u.seen) : null;
}

async function detail(run, u) {
  const id = await seenNotice(run, u);
  if (id) await run.call('notice detail', u, 'GET', `/api/notices/${id}`);
}

async function search(run, u) {
  const r = await run.call('search', u, 'GET', `/api/notices?limit=20&q=${encodeURIComponent(pick(SEARCHES))}`);
  if (r.ok && r.body.items.length) u.seen = r.body.items.map((n) => n.id);
}

async function consultation(run, u) {
  const id = pick(run.consultations);
  const d = await run.call('consultation detail', u, 'GET', `/api/consultations/${id}`);
  if (!d.ok) return;
  await run.call('consultation comments', u, 'GET', `/api/consultations/${id}/comments?limit=20`);
  if (u.comments < run.commentBudget && d.body.canComment && Math.random() < 0.6) {
    u.comments++;
    const paragraph = Math.random() < 0.5 && d.body.paragraphs.length ? pick(d.body.paragraphs) : null;
    const body = `${paragraph ? `关于${paragraph.heading || '这一条'}，` : ''}建议${pick(SUGGESTIONS)}（第${u.comments}条意见）。`;
    await run.call('comment', u, 'POST', `/api/consultations/${id}/comments`, paragraph ? { paragraphId: paragraph.id, body } : { body });
  }
}

async function rate(run, u) {
  const id = await seenNotice(run, u);
  if (!id) return;
  const x = Math.random();
  const level = x < 0.5 ? 5 : x < 0.8 ? 4 : x < 0.92 ? 3 : x < 0.97 ? 2 : 1;
  await run.call('rate', u, 'PUT', '/api/ratings', { targetType: 'notice', targetId: id, level, tags: [pick(level >= 3 ? GOOD_TAGS : BAD_TAGS)] });
}

async function inbox(run, u) {
  await run.call('inbox', u, 'GET', '/api/inbox?limit=20');
}

export async function resident(run, u) {
  await sleep(uniform(0, 3000)); // the residents arrive over the first seconds
  while (run.running) {
    const x = Math.random();
    if (x < 0.4) await feed(run, u);
    else if (x < 0.65) await detail(run, u);
    else if (x < 0.8) await search(run, u);
    else if (x < 0.85) await consultation(run, u);
    else if (x < 0.9) await rate(run, u);
    else await inbox(run, u);
    await run.think(1000, 3000);
  }
}

// ---- staff ---------------------------------------------------------------------------------------

function noticeBody(run, regionId) {
  return {
    title: `${pick(NOTICE_TITLES)}（第${++run.noticeSeq}期）`,
    body: '<p>各位居民：</p><p>根据工作安排，现将有关事项通知如下，请相互转告。如有疑问，请在工作日到社区服务站咨询。</p>',
    basis: '《政府信息公开条例》',
    timeLimit: '自信息形成之日起20个工作日内',
    publisher: '平安区人民政府办公室',
    method: 'active',
    channels: ['mini_program', 'notice_board'],
    audience: 'public',
    domain: 'municipal_service',
    category: 'service',
    kind: 'notice',
    regionId,
  };
}

async function draftAndSubmit(run, s) {
  // Mostly one community of the street (a hundred-odd recipients), sometimes the whole street (~1,000).
  const regionId = Math.random() < 0.8 ? pick(s.communities).id : s.street.id;
  const c = await run.call('notice create', s, 'POST', '/api/notices', noticeBody(run, regionId));
  if (c.ok) await run.call('notice submit', s, 'POST', `/api/notices/${c.body.id}/submit`, {});
}

async function caseWork(run, s) {
  const open = s.cases.find((c) => c.position <= 3);
  if (open) {
    const r = await run.call('case progress', s, 'POST', `/api/cases/${open.id}/progress`, { position: open.position, note: open.position === 2 ? '材料齐全，已受理' : '已入户核实家庭人口和收入情况' });
    if (r.ok) open.position = r.body.currentStep?.position ?? 99;
    else open.position = 99; // leave it: the figures carry the error
    return;
  }
  if (!s.applicants.length) return;
  const a = pick(s.applicants);
  const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const r = await run.call('case open', s, 'POST', '/api/cases', {
    caseTypeId: run.caseTypeId,
    regionId: a.homeRegionId,
    applicant: { name: `居民${a.id}`, phone, userId: a.id },
  });
  if (r.ok) s.cases.push({ id: r.body.id, position: r.body.currentStep?.position ?? 99 });
}

export async function gridWorker(run, s) {
  await sleep(uniform(0, 3000));
  while (run.running) {
    const x = Math.random();
    if (x < 0.45) await draftAndSubmit(run, s);
    else if (x < 0.6) await run.call('my notices', s, 'GET', '/api/staff/notices?mine=true&limit=20');
    else if (x < 0.85) await caseWork(run, s);
    else await run.call('staff cases', s, 'GET', '/api/staff/cases?status=open&limit=20');
    await run.think(3000, 8000);
  }
}

export async function reviewer(run, s) {
  await sleep(uniform(0, 3000));
  let turn = 0;
  while (run.running) {
    const q = await run.call('review queue', s, 'GET', '/api/staff/notices?status=pending_review&limit=20');
    const next = q.ok ? q.body.items.filter((n) => n.author?.id !== s.id).at(-1) : null;
    if (next) await run.call('approve', s, 'POST', `/api/notices/${next.id}/approve`, { confidentialityChecked: true });
    await run.think(1000, 3000);
    if (!run.running) break;
    switch (turn++ % 3) {
      case 0: {
        const list = await run.call('staff cases', s, 'GET', '/api/staff/cases?status=open&limit=50');
        const c = list.ok ? list.body.items.find((i) => i.currentStep?.position === 4) : null;
        if (c) await run.call('case progress', s, 'POST', `/api/cases/${c.id}/progress`, { position: 4, note: '经居民代表会议评议，同意纳入' });
        break;
      }
      case 1:
        await run.call('followups', s, 'GET', '/api/staff/followups?limit=20');
        break;
      default:
        await run.call('moderation queue', s, 'GET', '/api/consultations/moderation?limit=20');
    }
    await run.think(2000, 5000);
  }
}
