/**
 * Seeds the push benchmark's database: a district (平安区) of 12 streets × 10 communities, `residents`
 * residents spread over the communities — each subscribed to their community's notices (any domain
 * and kind) with one one-time credit for the notice template — and a grid worker and a reviewer of
 * the district. Multi-row INSERTs of 5,000 rows.
 */
export const TEMPLATE = 'TPL_NOTICE_PUBLISHED';
export const RESIDENT_PREFIX = 'o_pushbench_';
export const STAFF = { author: 'o_pushbench_author', reviewer: 'o_pushbench_reviewer' };

const STREETS = ['城关街道', '河滨街道', '马庄街道', '新华街道', '建设街道', '光明街道', '东风街道', '西湖街道', '南关街道', '北关街道', '曹镇乡', '姚孟镇'];

export async function seed(pool, { residents, log = console.log }) {
  const started = Date.now();
  const regions = [];
  let id = 0;
  const add = (name, level, parent) => {
    const r = { id: ++id, code: `PUSHB${String(id).padStart(5, '0')}`, name, level, parentId: parent?.id ?? null, depth: parent ? parent.depth + 1 : 1 };
    r.path = `${parent ? parent.path : '/'}${r.id}/`;
    regions.push(r);
    return r;
  };
  const district = add('平安区', 'district', null);
  for (const s of STREETS) {
    const street = add(s, 'street', district);
    for (let c = 1; c <= 10; c++) add(`${s.slice(0, 2)}第${c}社区`, 'community', street);
  }
  await pool.query(
    `INSERT INTO region (id, code, name, level, parent_id, path, depth) VALUES ${regions.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    regions.flatMap((r) => [r.id, r.code, r.name, r.level, r.parentId, r.path, r.depth]),
  );
  const communities = regions.filter((r) => r.level === 'community');

  const [[{ base }]] = await pool.query('SELECT COALESCE(MAX(id), 0) AS base FROM app_user');
  for (let i = 0; i < residents; i += 5000) {
    const n = Math.min(5000, residents - i);
    const users = Array.from({ length: n }, (_, k) => i + k);
    await pool.query(
      `INSERT INTO app_user (id, openid, display_name, home_region_id, elder_mode) VALUES ${users.map(() => '(?, ?, ?, ?, 0)').join(', ')}`,
      users.flatMap((j) => [base + 1 + j, `${RESIDENT_PREFIX}${j}`, `居民${j}`, communities[j % communities.length].id]),
    );
    await pool.query(
      `INSERT INTO subscription (user_id, region_id, domain, kind) VALUES ${users.map(() => "(?, ?, '', '')").join(', ')}`,
      users.flatMap((j) => [base + 1 + j, communities[j % communities.length].id]),
    );
    await pool.query(
      `INSERT INTO subscribe_credit (user_id, template_id, remaining, long_term, switched_off) VALUES ${users.map(() => '(?, ?, 1, 0, 0)').join(', ')}`,
      users.flatMap((j) => [base + 1 + j, TEMPLATE]),
    );
  }
  const [author, reviewer] = [base + residents + 1, base + residents + 2];
  await pool.query('INSERT INTO app_user (id, openid, display_name, home_region_id, elder_mode) VALUES (?, ?, ?, ?, 0), (?, ?, ?, ?, 0)', [
    author,
    STAFF.author,
    '网格员',
    district.id,
    reviewer,
    STAFF.reviewer,
    '审核人',
    district.id,
  ]);
  await pool.query("INSERT INTO staff_role (user_id, role, region_id) VALUES (?, 'grid_worker', ?), (?, 'reviewer', ?)", [author, district.id, reviewer, district.id]);
  log(`  seeded ${regions.length} regions, ${residents} residents (subscribed, one credit each) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { district, communities };
}
