/**
 * A deterministic district of notices for the benchmark: a region tree, residents, and notices
 * whose Chinese titles and bodies look like what a district, its streets and its communities post.
 * Same seed → same data, so runs compare.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = (r, list) => list[Math.floor(r() * list.length)];

const STREETS = ['光明街道', '和平街道', '建设路街道', '新华街道', '解放街道', '人民路街道', '东风街道', '胜利街道', '曹镇乡', '北渡镇', '姚孟乡', '马庄镇'];
const COMMUNITY_WORDS = ['向阳', '幸福', '春晖', '翠竹', '兴业', '民主', '文化', '长青', '育才', '锦绣', '泰安', '富民', '康宁', '和顺', '永丰', '景园'];

/** district → 12 streets/towns → 10 communities/villages each → 4 grids each (613 regions). */
export function regionTree() {
  const regions = [];
  let id = 0;
  const add = (name, level, parent) => {
    const r = { id: ++id, code: `BENCH${String(id).padStart(6, '0')}`, name, level, parentId: parent?.id ?? null, depth: parent ? parent.depth + 1 : 1 };
    r.path = `${parent ? parent.path : '/'}${r.id}/`;
    regions.push(r);
    return r;
  };
  const district = add('平安区', 'district', null);
  STREETS.forEach((s, si) => {
    const town = s.endsWith('乡') || s.endsWith('镇');
    const street = add(s, town ? 'town' : 'street', district);
    for (let c = 0; c < 10; c++) {
      const name = `${COMMUNITY_WORDS[(si + c) % COMMUNITY_WORDS.length]}${town ? '村' : '社区'}`;
      const community = add(name, town ? 'village' : 'community', street);
      for (let g = 1; g <= 4; g++) add(`${name}第${g}网格`, 'grid', community);
    }
  });
  return regions;
}

/** Topics: a domain, kinds, title patterns and topic sentences. */
const TOPICS = [
  {
    domain: 'social_assistance',
    kinds: ['publicity', 'notice', 'service_guide'],
    titles: ['{q}季度城乡低保对象公示', '关于开展{y}年低保年度复核的通知', '临时救助申请指南', '特困人员供养对象名单公示'],
    sentences: [
      '根据《社会救助暂行办法》规定，经入户调查、民主评议，现将新增低保对象予以公示。',
      '公示期为7天，如有异议，请于公示期内向社区居委会反映。',
      '低保对象须如实申报家庭收入和财产状况，不得隐瞒。',
      '申请临时救助需携带居民身份证、户口簿及相关证明材料。',
    ],
  },
  {
    domain: 'social_insurance',
    kinds: ['notice', 'policy_interpretation'],
    titles: ['{y}年度城乡居民医保缴费提醒', '关于城乡居民基本养老保险集中缴费的通知', '医保政策解读'],
    sentences: [
      '{y}年度城乡居民医保集中缴费期为9月1日至12月31日，请广大居民及时参保缴费。',
      '可通过微信、支付宝或到社区服务中心现场缴纳。',
      '特困人员、低保对象等困难群众参保，个人缴费部分按规定给予资助。',
    ],
  },
  {
    domain: 'municipal_service',
    kinds: ['emergency', 'notice'],
    titles: ['停水通知', '停电检修公告', '燃气管道改造施工通知', '道路封闭施工告知'],
    sentences: [
      '因供水管网维修，{m}月{d}日8:00至18:00辖区部分小区停水，请居民提前做好储水准备。',
      '施工期间请注意安全，给您带来的不便敬请谅解。',
      '如有疑问请拨打服务热线咨询。',
    ],
  },
  {
    domain: 'fiscal_budget',
    kinds: ['finance'],
    titles: ['{m}月份村级财务收支公开', '{q}季度社区经费使用情况公开', '{y}年集体经济收益分配方案公示'],
    sentences: [
      '本月收入合计{n}元，支出合计{n}元，结余{n}元。',
      '支出主要用于环境整治、办公经费和公益设施维护。',
      '村民对财务公开内容有疑问的，可向村务监督委员会咨询。',
    ],
  },
  {
    domain: 'elderly_care',
    kinds: ['notice', 'service_guide'],
    titles: ['高龄津贴资格认证通知', '老年人助餐服务点开放公告', '居家养老服务补贴申请指南'],
    sentences: [
      '年满80周岁的老年人请于本月底前完成高龄津贴资格认证。',
      '行动不便的老年人可预约工作人员上门认证。',
      '助餐服务点为辖区老年居民提供午餐，每餐自付部分{n}元。',
    ],
  },
  {
    domain: 'employment',
    kinds: ['notice'],
    titles: ['公益性岗位招聘公告', '就业困难人员技能培训报名通知', '{y}年春风行动招聘会通知'],
    sentences: [
      '招聘对象为本区户籍、已进行失业登记的就业困难人员。',
      '报名时请携带身份证、就业创业证等材料到社区服务中心登记。',
      '培训合格者可享受职业培训补贴。',
    ],
  },
  {
    domain: 'ecological_environment',
    kinds: ['notice', 'consultation_result'],
    titles: ['垃圾分类宣传周活动通知', '秸秆禁烧倡议书', '小区环境整治征求意见结果'],
    sentences: [
      '请居民按照可回收物、有害垃圾、厨余垃圾和其他垃圾的分类要求投放。',
      '共收到意见建议{n}条，采纳{n}条，部分采纳{n}条。',
      '环境整治期间将清理楼道堆放杂物，请居民配合。',
    ],
  },
  {
    domain: 'public_culture',
    kinds: ['notice'],
    titles: ['送戏下乡演出安排', '社区文化活动中心开放时间调整', '全民阅读活动报名通知'],
    sentences: [
      '演出时间为{m}月{d}日晚7点，地点在社区文化广场。',
      '文化活动中心每周二至周日开放，周一闭馆。',
      '欢迎辖区居民踊跃参加。',
    ],
  },
];

const GENERIC = [
  '各位居民朋友：',
  '为进一步做好服务群众工作，现将有关事项通知如下：',
  '请辖区居民相互转告，积极配合。',
  '特此公告。',
  '本通知自发布之日起施行。',
  '网格员将逐户上门宣传，请居民留意。',
];
/** The rare word: in about one notice in 100 (16 or so in the measured scope). */
const RARE = '联合收割机跨区作业期间，严禁焚烧秸秆，违者依法处理。';

const fill = (r, s, y) =>
  s
    .replace(/\{y\}/g, String(y))
    .replace(/\{q\}/g, pick(r, ['第一', '第二', '第三', '第四']))
    .replace(/\{m\}/g, String(1 + Math.floor(r() * 12)))
    .replace(/\{d\}/g, String(1 + Math.floor(r() * 28)))
    .replace(/\{n\}/g, () => String(Math.floor(r() * 90000) + 100));

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const DAY = 86_400_000;

/**
 * `count` notices over `regions`: 2% district-wide, 12% per street/town, 60% per community/village,
 * 26% per grid; 92% published over the last three years (0.5% urgent, 2% pinned), the rest drafts,
 * pending, withdrawn or expired.
 */
export function* notices(regions, count, seed = 20261126) {
  const r = rng(seed);
  const byLevel = (levels) => regions.filter((x) => levels.includes(x.level));
  const district = byLevel(['district']);
  const streets = byLevel(['street', 'town']);
  const communities = byLevel(['community', 'village']);
  const grids = byLevel(['grid']);
  const now = Date.parse('2026-11-26T00:00:00Z');
  for (let id = 1; id <= count; id++) {
    const x = r();
    const region = x < 0.02 ? district[0] : x < 0.14 ? pick(r, streets) : x < 0.74 ? pick(r, communities) : pick(r, grids);
    const topic = pick(r, TOPICS);
    const publishedAt = new Date(now - Math.floor(r() * 3 * 365 * DAY));
    const y = publishedAt.getUTCFullYear();
    const title = fill(r, pick(r, topic.titles), y);
    const paragraphs = [];
    if (r() < 0.5) paragraphs.push(GENERIC[0]);
    paragraphs.push(GENERIC[1]);
    const n = 2 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) paragraphs.push(fill(r, pick(r, topic.sentences), y));
    if (r() < 0.01) paragraphs.push(RARE);
    paragraphs.push(pick(r, GENERIC.slice(2)));
    const s = r();
    const status = s < 0.92 ? 'published' : s < 0.95 ? 'draft' : s < 0.96 ? 'pending_review' : s < 0.98 ? 'withdrawn' : 'expired';
    yield {
      id,
      title,
      body: paragraphs.map((p) => `<p>${esc(p)}</p>`).join(''),
      basis: topic.domain === 'social_assistance' ? '《社会救助暂行办法》' : '《中华人民共和国政府信息公开条例》',
      timeLimit: '自信息形成或者变更之日起20个工作日内',
      publisher: `${region.name}${region.level === 'district' ? '人民政府' : region.level === 'grid' ? '网格' : '办公室'}`,
      method: 'active',
      channels: '["mini_program","notice_board"]',
      audience: 'public',
      domain: topic.domain,
      category: 'execution',
      kind: pick(r, topic.kinds),
      regionId: region.id,
      docNo: r() < 0.3 ? `平办〔${y}〕${1 + Math.floor(r() * 200)}号` : null,
      indexNo: null,
      pinned: r() < 0.02,
      urgent: r() < 0.005,
      status,
      publishedAt: status === 'draft' || status === 'pending_review' ? null : publishedAt,
      createdAt: new Date(publishedAt.getTime() - 2 * DAY),
    };
  }
}

/**
 * The words the benchmark searches for: common — in most notices of any scope (title or body);
 * rare — only in the one-in-100 sentence; phrase — three terms whose notices must pass the phrase
 * check; miss — a phrase nobody wrote.
 */
export const SEARCH_WORDS = { common: '居民', rare: '焚烧', phrase: '低保对象', miss: '量子计算' };
